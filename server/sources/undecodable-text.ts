/**
 * A cell whose bytes are not valid UTF-8 (a CSV export in another encoding, or corrupted). The source
 * hands it over as this instead of silently decoded text, so the contract check quarantines the row
 * with the reason; `text` is the bytes decoded with U+FFFD for what could not be read, kept in quarantine.
 */
export class UndecodableText {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
  toString(): string {
    return this.text;
  }
  toJSON(): string {
    return this.text;
  }
}
