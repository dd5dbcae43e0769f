// scrape_protocols and fallback_scrape_protocol: protocol names read and
// checked as config.go's validateAcceptScrapeProtocols and ScrapeProtocol.Validate do.

import type { Node } from 'yaml';
import { quote } from '../model/labels';
import { isScrapeProtocol, unknownProtocolMessage, type ScrapeProtocol } from '../model/scrapeProtocols';
import type { YamlSource } from './yamlDecode';

/**
 * A scrape_protocols list; `where` ends the message as Prometheus does
 * (' for global config', ' for scrape config with job name "x"'). The
 * error points at the offending name, or at the list when it is empty.
 */
export function readProtocolList(src: YamlSource, node: Node, where: string): ScrapeProtocol[] {
  const items = src.seq(node, '[]config.ScrapeProtocol');
  if (items.length === 0) throw src.error(node, `scrape_protocols cannot be empty${where}`);
  const names = items.map((n) => src.string(n));
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (seen.has(name.toLowerCase())) throw src.error(items[i], `duplicated protocol in scrape_protocols, got [${names.join(' ')}]${where}`);
    if (!isScrapeProtocol(name)) throw src.error(items[i], `scrape_protocols: ${unknownProtocolMessage(name)}${where}`);
    seen.add(name.toLowerCase());
  });
  return names as ScrapeProtocol[];
}

/** fallback_scrape_protocol of the job named `job`. */
export function readFallbackProtocol(src: YamlSource, node: Node, job: string): ScrapeProtocol {
  const name = src.string(node);
  if (!isScrapeProtocol(name)) throw src.error(node, `invalid fallback_scrape_protocol for scrape config with job name ${quote(job)}: ${unknownProtocolMessage(name)}`);
  return name;
}
