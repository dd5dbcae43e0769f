// Neumaier summation lives in model/kahanSum.ts, where histograms need it too.
export { kahanAddAt, kahanComp, kahanInc } from '../model/kahanSum';
