// The rule file a first start installs beside the default configuration, so
// the demo shows an alert on its own: demo-3 restarts every 15 minutes
// (scrape/demoService.ts), and a restart moves process_start_time_seconds.

export const STARTER_RULE_FILE = 'demo.rules.yml';

export const STARTER_RULES = `# Vigil's starter rules for the embedded demo, in Prometheus's rule file format.
# Installed once, on the first start; edit or delete them as you like.
groups:
  - name: vigil-demo
    rules:
      - alert: DemoInstanceRestarted
        expr: changes(process_start_time_seconds{job="demo"}[5m]) > 0
        labels:
          severity: warning
        annotations:
          summary: 'Demo instance {{ $labels.instance }} restarted'
          description: '{{ $labels.instance }} started again within the last 5 minutes ({{ $value }} restart(s)); the demo restarts demo-3 every 15 minutes.'
`;
