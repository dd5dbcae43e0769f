// snappyjs ships no types; these are the two calls the remote room makes
// (block format, as remote_write 1.0 requires, not the framed stream format).
declare module 'snappyjs' {
  export function compress(input: Uint8Array): Uint8Array<ArrayBuffer>;
  export function uncompress(input: Uint8Array, maxLength?: number): Uint8Array<ArrayBuffer>;
}
