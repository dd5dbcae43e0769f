// SharedWorker entry: one engine per origin, whatever number of tabs is open,
// so two tabs never scrape twice or write the same chunk twice.

import { hostEngine, local, serve } from './workerHost';

const scope = self as unknown as { onconnect: ((e: MessageEvent) => void) | null };
hostEngine('shared');

scope.onconnect = (e: MessageEvent) => {
  const port = e.ports[0];
  serve(port, local());
  port.start();
};
