// One turn of the event loop handed back to other work, for the engine to
// pass as ScrapeDeps.yieldThread: a message to itself is a task of its own, as
// a zero-delay timer is, but browsers clamp nested timers to 4 ms and do not
// clamp messages (React's scheduler yields the same way).

export function threadTurn(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(null);
  });
}
