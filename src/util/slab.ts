/**
 * Small typed arrays carved out of shared chunks: a view costs one small object instead of a
 * backing store of its own. V8 keeps a typed array over 64 bytes outside the heap, and allocating
 * one (memory from the system, zeroed, tracked by the collector) was a tenth of a column profile's
 * time on 200-row tables, where every column makes one per table.
 *
 * A chunk lives as long as any view into it; the views are per column and short-lived, so chunks
 * are small enough that one long-lived view keeps little else alive.
 */
const CHUNK_BYTES = 64 * 1024;
/** Views of more than this many bytes get a buffer of their own. */
const MAX_CARVED = CHUNK_BYTES / 8;

let chunk = new ArrayBuffer(CHUNK_BYTES);
let used = 0;

/** `bytes` (a multiple of 4) from the current chunk, or from a new one when it is full. */
function carve(bytes: number): number {
  if (used + bytes > CHUNK_BYTES) {
    chunk = new ArrayBuffer(CHUNK_BYTES);
    used = 0;
  }
  const at = used;
  used += bytes;
  return at;
}

/** An Int32Array of `length` elements, contents undefined: the caller writes every element before reading. */
export function int32Scratch(length: number): Int32Array {
  const bytes = length * 4;
  if (bytes > MAX_CARVED) return new Int32Array(length);
  const at = carve(bytes);
  return new Int32Array(chunk, at, length);
}

/** A zero-filled Uint8Array of `length` elements. */
export function zeroedBytes(length: number): Uint8Array {
  const bytes = (length + 3) & ~3;
  if (bytes > MAX_CARVED) return new Uint8Array(length);
  const at = carve(bytes);
  return new Uint8Array(chunk, at, length).fill(0);
}
