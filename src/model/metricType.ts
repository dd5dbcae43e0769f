// A metric family's type and its TYPE/HELP/UNIT metadata, as expositions
// declare them and storage, queries and the UI all read them.

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'gaugehistogram' | 'summary' | 'info' | 'stateset' | 'unknown';

export interface Metadata {
  type: MetricType;
  help: string;
  unit: string;
}
