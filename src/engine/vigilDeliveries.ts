// Vigil's own receiver kinds at work: what alertmanager.yml's routes hand to
// a `vigil_banner_configs` receiver is what the tabs' banners show, and each
// notification to a `vigil_desktop_configs` receiver is a desktop popup, both
// titled and worded by the receiver's Alertmanager templates.

import type { AmVigilConfig } from '../config/alertmanagerConfig';
import type { Notification } from '../notify/webhook';
import type { BannerNotice, DesktopNotice } from './api';
import { notificationText } from './notificationText';

// Popups older than this many are of no use to a tab that catches up.
const DESKTOP_KEPT = 20;

export class VigilDeliveries {
  /** The latest banner notice per receiver and aggregation group. */
  private readonly banner = new Map<string, BannerNotice>();
  private desktop: DesktopNotice[] = [];
  private nextId = 1;

  /** A fresh configuration starts with an empty banner: its routes decide anew. */
  clear(): void {
    this.banner.clear();
  }

  /** Replaces the group's banner notice with the firing alerts just sent; none left, none shown. */
  async toBanner(n: Notification, cfg: AmVigilConfig): Promise<void> {
    const key = `${n.receiver}|${n.groupKey}`;
    const firing = n.alerts.filter((a) => a.status === 'firing').map((a) => a.fingerprint);
    if (firing.length === 0) {
      this.banner.delete(key);
      return;
    }
    const { title, text } = await notificationText(n, cfg.title, cfg.text);
    this.banner.set(key, { key, receiver: n.receiver, title, text, fingerprints: firing });
  }

  async toDesktop(n: Notification, cfg: AmVigilConfig): Promise<void> {
    if (!cfg.sendResolved && n.alerts.every((a) => a.status === 'resolved')) return;
    const { title, text } = await notificationText(n, cfg.title, cfg.text);
    // The group key as tag: a newer notification of the group replaces the older popup.
    this.desktop = [...this.desktop, { id: this.nextId++, title, text, tag: `${n.receiver}|${n.groupKey}` }].slice(-DESKTOP_KEPT);
  }

  /** Banner notices narrowed to the alerts still active (neither resolved nor muted since); empty ones dropped. */
  bannerView(active: ReadonlySet<string>): BannerNotice[] {
    return [...this.banner.values()]
      .map((b) => ({ ...b, fingerprints: b.fingerprints.filter((f) => active.has(f)) }))
      .filter((b) => b.fingerprints.length > 0);
  }

  desktopView(): DesktopNotice[] {
    return this.desktop;
  }
}
