// Warnings and infos that travel beside a result, worded as Prometheus's
// util/annotations so users can search for them; duplicates are kept once.

export class Annotations {
  readonly warnings = new Set<string>();
  readonly infos = new Set<string>();

  warn(message: string): void {
    this.warnings.add(`PromQL warning: ${message}`);
  }

  info(message: string): void {
    this.infos.add(`PromQL info: ${message}`);
  }
}

/** `… for metric name "x"`, left off when the series has no name (annotations.maybeAddMetricName). */
export function forMetric(message: string, metricName: string): string {
  return metricName === '' ? message : `${message} for metric name ${JSON.stringify(metricName)}`;
}
