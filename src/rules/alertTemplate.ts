// Expansion of alert labels and annotations as Prometheus does it
// (rules/alerting.go Eval's `expand`, template.AlertTemplateData): the
// variables $labels, $externalLabels, $externalURL and $value are defined in
// front of the text, and a failure becomes `<error expanding template: …>`.

import { formatG } from '../model/goFloat';
import { Template, TemplateError } from './template';
import { templateFuncs, type TemplateQuery } from './templateFuncs';
import { errorMessage } from '../model/result';

// Prepended on the same line, so line numbers in errors stay the author's.
const DEFS = '{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}{{$externalURL := .ExternalURL}}{{$value := .Value}}';

export interface AlertTemplateData {
  labels: Record<string, string>;
  externalLabels: Record<string, string>;
  externalURL: string;
  /** A native histogram's value is its text, as Go prints *FloatHistogram. */
  value: number | string;
}

export interface ExpandContext {
  query: TemplateQuery;
  externalURL: string;
  timeMs: number;
}

const noQuery: TemplateQuery = async () => {
  throw new Error('query is not available here');
};

function parseAlertTemplate(alertName: string, text: string, ctx: ExpandContext): Template {
  return Template.parse(`__alert_${alertName}`, DEFS + text, templateFuncs(ctx));
}

/** The parse check `promtool check rules` runs on each label and annotation (rulefmt testTemplateParsing); null when it parses. */
export function checkAlertTemplate(alertName: string, text: string): string | null {
  try {
    parseAlertTemplate(alertName, text, { query: noQuery, externalURL: '', timeMs: 0 });
    return null;
  } catch (e) {
    return errorMessage(e);
  }
}

/** Expands one label or annotation value; a failure is returned as text, as Prometheus does, with `error` set for logging. */
export async function expandAlertTemplate(alertName: string, text: string, data: AlertTemplateData, ctx: ExpandContext): Promise<{ text: string; error?: string }> {
  // Plain text needs no interpreter; most label values are plain.
  if (!text.includes('{{')) return { text };
  const name = `__alert_${alertName}`;
  let tmpl: Template;
  try {
    tmpl = parseAlertTemplate(alertName, text, ctx);
  } catch (e) {
    const error = `error parsing template ${name}: ${errorMessage(e)}`;
    return { text: `<error expanding template: ${error}>`, error };
  }
  try {
    const out = await tmpl.execute({ Labels: data.labels, ExternalLabels: data.externalLabels, ExternalURL: data.externalURL, Value: data.value }, formatG);
    return { text: out };
  } catch (e) {
    const msg = e instanceof TemplateError ? e.message : errorMessage(e);
    const error = `error executing template ${name}: ${msg}`;
    return { text: `<error expanding template: ${error}>`, error };
  }
}
