import { Transform } from 'node:stream';

/**
 * Passes bytes through unchanged while checking they are valid UTF-8 (across chunk boundaries). Once it
 * has seen invalid bytes, `invalid` is true: the decoded text from then on may hold U+FFFD where bytes
 * could not be read, and a reader can tell those cells from text that really holds U+FFFD before that.
 */
export class Utf8Check extends Transform {
  invalid = false;
  readonly #decoder = new TextDecoder('utf-8', { fatal: true });

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null, data?: Buffer) => void): void {
    if (!this.invalid) {
      try {
        this.#decoder.decode(chunk, { stream: true });
      } catch {
        this.invalid = true;
      }
    }
    done(null, chunk);
  }

  override _flush(done: (error?: Error | null) => void): void {
    if (!this.invalid) {
      try {
        this.#decoder.decode();
      } catch {
        this.invalid = true;
      }
    }
    done();
  }
}
