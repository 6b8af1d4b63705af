/** RFC 5734 framing: a 4-byte big-endian total length that counts its own 4 bytes, then the XML. */

const HEADER = 4;
/** Far above any EPP answer; a bigger length means the stream is not EPP. */
export const MAX_FRAME = 4 * 1024 * 1024;

export function encodeFrame(xml: string): Buffer {
  const body = Buffer.from(xml, "utf8");
  const frame = Buffer.alloc(HEADER + body.length);
  frame.writeUInt32BE(HEADER + body.length, 0);
  body.copy(frame, HEADER);
  return frame;
}

export class FrameError extends Error {}

/** Collects stream chunks and hands out whole frames. */
export class FrameReader {
  private buffer = Buffer.alloc(0);

  push(chunk: Buffer): string[] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const frames: string[] = [];
    while (this.buffer.length >= HEADER) {
      const total = this.buffer.readUInt32BE(0);
      if (total <= HEADER || total > MAX_FRAME) throw new FrameError(`bad EPP frame length ${total}`);
      if (this.buffer.length < total) break;
      frames.push(this.buffer.subarray(HEADER, total).toString("utf8"));
      this.buffer = this.buffer.subarray(total);
    }
    return frames;
  }
}
