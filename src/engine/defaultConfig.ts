// The configuration a first visit starts with: the engine scrapes itself and
// the demo service's instances, every 5 s so graphs move at once.

import { DEMO_INSTANCES, SELF_PATH } from './virtualTargets';

export function defaultConfigYaml(host: string): string {
  const demos = Array.from({ length: DEMO_INSTANCES }, (_, i) =>
    [
      `      - targets: ['${host}']`,
      `        labels:`,
      `          __metrics_path__: /demo/${i + 1}/metrics`,
      `          instance: demo-${i + 1}`,
    ].join('\n'),
  ).join('\n');
  return `# Vigil's starting configuration: Prometheus's own prometheus.yml format.
global:
  scrape_interval: 5s
  scrape_timeout: 4s
  evaluation_interval: 5s

scrape_configs:
  - job_name: vigil
    metrics_path: ${SELF_PATH}
    static_configs:
      - targets: ['${host}']

  - job_name: demo
    # Native histograms over protobuf; the classic buckets are kept too, for the demo board's queries.
    scrape_native_histograms: true
    always_scrape_classic_histograms: true
    static_configs:
${demos}
`;
}
