// Target edits the Targets page makes through a form, applied to the
// prometheus.yml text as a YAML document so the user's comments and layout
// survive, and a step-by-step run of a job's target relabelling for the
// preview. The result is checked by the scrape room's parser before use.

import { isMap, isSeq, parseDocument, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import { Labels } from '../model/labels';
import { parseConfig, type ConfigProblem, type PrometheusConfig } from '../config/prometheusConfig';
import type { ScrapeConfig } from '../config/scrapeConfig';
import { compileRule, relabel } from '../model/relabel';
import { METRICS_PATH_LABEL, populateLabels, SCHEME_LABEL } from '../scrape/targets';
import type { RelabelStep, StaticTarget, TargetChange, TargetInput, TargetPlace } from './api';
import { errorMessage } from '../model/result';

type Edit = { ok: true; yaml: string } | { ok: false; problems: ConfigProblem[] };

function refuse(message: string): Edit {
  return { ok: false, problems: [{ line: 0, column: 0, message }] };
}

function parsed(yaml: string): PrometheusConfig | ConfigProblem[] {
  const r = parseConfig(yaml);
  return r.ok ? r.config : r.problems;
}

/** Every target written in a static_configs group, with the URL it is scraped at. */
export function staticTargets(yaml: string): StaticTarget[] {
  const cfg = parsed(yaml);
  if (Array.isArray(cfg)) return [];
  return cfg.scrapeConfigs.flatMap((job) =>
    job.staticConfigs.flatMap((g, group) =>
      g.targets.map((address, index) => {
        const scheme = g.labels[SCHEME_LABEL] ?? job.scheme;
        const path = g.labels[METRICS_PATH_LABEL] ?? job.metricsPath;
        const labels = Object.fromEntries(Object.entries(g.labels).filter(([k]) => k !== SCHEME_LABEL && k !== METRICS_PATH_LABEL));
        return { job: job.jobName, group, index, address, url: `${scheme}://${address}${path}`, labels };
      }),
    ),
  );
}

function jobMap(doc: Document, job: string): YAMLMap | undefined {
  const jobs = doc.get('scrape_configs');
  if (!isSeq(jobs)) return undefined;
  return jobs.items.find((j): j is YAMLMap => isMap(j) && j.get('job_name') === job);
}

function splitUrl(url: string): { scheme: string; address: string; path: string } | string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `${JSON.stringify(url)} is not a URL; write it as http://host:port/metrics`;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `scheme ${JSON.stringify(u.protocol.slice(0, -1))} is not http or https`;
  if (u.search !== '' || u.hash !== '') return 'query parameters belong in the job’s params, not in the target URL';
  return { scheme: u.protocol.slice(0, -1), address: u.host, path: u.pathname || '/metrics' };
}

function add(doc: Document, cfg: PrometheusConfig, target: TargetInput): string | undefined {
  const job = target.job.trim();
  if (job === '') return 'a target needs a job name';
  const where = splitUrl(target.url.trim());
  if (typeof where === 'string') return where;
  const existing = cfg.scrapeConfigs.find((c) => c.jobName === job);
  const labels: Record<string, string> = {};
  // A group's __scheme__ / __metrics_path__ override the job's, as the demo targets do.
  if (existing && where.path !== existing.metricsPath) labels[METRICS_PATH_LABEL] = where.path;
  if (existing && where.scheme !== existing.scheme) labels[SCHEME_LABEL] = where.scheme;
  Object.assign(labels, target.labels);
  const group = Object.keys(labels).length > 0 ? { targets: [where.address], labels } : { targets: [where.address] };
  if (existing) {
    const map = jobMap(doc, job)!;
    const groups = map.get('static_configs');
    if (isSeq(groups)) groups.add(doc.createNode(group));
    else map.set('static_configs', doc.createNode([group]));
    return undefined;
  }
  const jobNode: Record<string, unknown> = { job_name: job };
  if (where.scheme !== 'http') jobNode.scheme = where.scheme;
  if (where.path !== '/metrics') jobNode.metrics_path = where.path;
  jobNode.static_configs = [group];
  const jobs = doc.get('scrape_configs');
  if (isSeq(jobs)) jobs.add(doc.createNode(jobNode));
  else doc.set('scrape_configs', doc.createNode([jobNode]));
  return undefined;
}

function remove(doc: Document, at: TargetPlace): string | undefined {
  const map = jobMap(doc, at.job);
  const groups = map?.get('static_configs');
  const group = isSeq(groups) ? groups.items[at.group] : undefined;
  const targets = isMap(group) ? group.get('targets') : undefined;
  if (!map || !isSeq(groups) || !isSeq(targets) || at.index >= targets.items.length) return `no target ${at.index + 1} in group ${at.group + 1} of job ${JSON.stringify(at.job)}`;
  (targets as YAMLSeq).delete(at.index);
  if (targets.items.length > 0) return undefined;
  groups.delete(at.group);
  if (groups.items.length > 0) return undefined;
  map.delete('static_configs');
  // A job with no targets left and no other discovery goes too.
  if (!map.has('file_sd_configs')) (doc.get('scrape_configs') as YAMLSeq).items.splice((doc.get('scrape_configs') as YAMLSeq).items.indexOf(map), 1);
  return undefined;
}

/** The config text after a form's change, or why it cannot be made. */
export function applyTargetChange(yaml: string, change: TargetChange): Edit {
  const cfg = parsed(yaml);
  if (Array.isArray(cfg)) return { ok: false, problems: cfg };
  const doc = parseDocument(yaml);
  if (change.kind !== 'add') {
    const err = remove(doc, change.at);
    if (err) return refuse(err);
  }
  if (change.kind !== 'remove') {
    const after = parsed(String(doc));
    if (Array.isArray(after)) return { ok: false, problems: after };
    const err = add(doc, after, change.target);
    if (err) return refuse(err);
  }
  const text = String(doc);
  const check = parseConfig(text);
  return check.ok ? { ok: true, yaml: text } : { ok: false, problems: check.problems };
}

function ruleText(c: ScrapeConfig['relabelConfigs'][number]): string {
  const parts = [`action: ${c.action}`];
  if (c.sourceLabels) parts.push(`source_labels: [${c.sourceLabels.join(', ')}]`);
  if (c.regex !== undefined) parts.push(`regex: ${c.regex}`);
  if (c.targetLabel) parts.push(`target_label: ${c.targetLabel}`);
  if (c.action === 'replace' || c.action === 'labelmap') parts.push(`replacement: ${c.replacement}`);
  if (c.action === 'hashmod') parts.push(`modulus: ${c.modulus}`);
  return parts.join(', ');
}

/**
 * A job's target relabelling applied one rule at a time to a target's
 * discovered labels: the labels after each rule (null once dropped), then
 * the final labels as the scrape gets them (`__meta_*` gone, `instance` set).
 */
export function relabelSteps(yaml: string, job: string, discovered: Record<string, string>): { steps: RelabelStep[]; final: Record<string, string> | null; error: string } {
  const cfg = parsed(yaml);
  const jobCfg = Array.isArray(cfg) ? undefined : cfg.scrapeConfigs.find((c) => c.jobName === job);
  if (!jobCfg) return { steps: [], final: null, error: `no job ${JSON.stringify(job)} in the configuration` };
  const steps: RelabelStep[] = [];
  let labels: Labels | null = Labels.from(discovered);
  const rules = jobCfg.relabelConfigs.map(compileRule);
  for (const rule of rules) {
    labels = labels && relabel(labels, [rule]);
    steps.push({ rule: ruleText(rule.config), labels: labels ? labels.toObject() : null });
  }
  try {
    const final = populateLabels(Labels.from(discovered), rules);
    return { steps, final: final ? final.toObject() : null, error: '' };
  } catch (e) {
    return { steps, final: null, error: errorMessage(e) };
  }
}
