import { GuardedUnionFind } from './guarded-union-find.ts';
import { NO_BLOCKLIST, type Blocklist } from './junk-values.ts';
import type { LinkConstraints } from './link-constraints.ts';
import { recordKey, type EntityKind } from './record-keys.ts';

export interface IdentityRecord {
  /** Store id of the source record. */
  recordId: number;
  entityKind: EntityKind;
  source: string;
  sourceId: string;
  /** The record's own id as other sources would write it (normalised per app, e.g. 18-char Salesforce). */
  matchKey: string;
  email: string | null;
  sameAs: { source: string; key: string; column: string }[];
  /** Accounts: the domain as the source gave it (a website, a billing address's domain). */
  domain?: string | null;
  /** Accounts: the system of record (the CRM) keeps this account as a company of its own. */
  company?: boolean;
  /** Accounts: the match key of the account the CRM names as this one's parent. */
  parentKey?: string | null;
  /** For the probabilistic pass: a display name and a phone as the source holds them. */
  name?: string | null;
  phone?: string | null;
  /** People: ids (in the record's own source) of the accounts it belongs to. */
  accountRefs?: readonly string[];
}

export type Rule = 'single_record' | 'shared_system_id' | 'exact_email' | 'verified_domain' | 'probable_match' | 'manual_merge' | 'split';

export interface Mark {
  rule: Rule;
  explanation: string;
  /** Who decided the link and when: null for the rules. */
  decided: { by: string; at: Date } | null;
  /** 1 for deterministic and manual links; the match probability of a probable one. */
  score: number;
}

export interface ResolutionOptions {
  maxRecordsPerEntity: number;
  blocklist: Blocklist;
}

export const DEFAULT_RESOLUTION_OPTIONS: ResolutionOptions = { maxRecordsPerEntity: 50, blocklist: NO_BLOCKLIST };

/**
 * What a resolution builds up as its passes run: the sets (with people's must-not-links and the automatic
 * limits), and for each record the reason it joined its entity. The first reason a record gets is its link's
 * rule and explanation, except where a probable match must be shown (`override`).
 */
export class ResolutionState {
  readonly records: readonly IdentityRecord[];
  readonly options: ResolutionOptions;
  readonly uf: GuardedUnionFind;
  readonly marks: (Mark | null)[];
  private readonly indicesOf = new Map<string, number[]>();

  constructor(records: readonly IdentityRecord[], constraints: LinkConstraints, options: ResolutionOptions) {
    this.records = records;
    this.options = options;
    records.forEach((r, i) => {
      const k = `${r.entityKind}|${recordKey(r.source, r.sourceId)}`;
      const list = this.indicesOf.get(k);
      if (list) list.push(i);
      else this.indicesOf.set(k, [i]);
    });
    const apart: [number, number][] = [];
    for (const c of constraints.mustNotLink) {
      for (const i of this.lookup(c.entityKind, c.key)) for (const other of c.others) for (const j of this.lookup(c.entityKind, other)) apart.push([i, j]);
    }
    this.uf = new GuardedUnionFind(records.length, apart, { maxSize: options.maxRecordsPerEntity, isCompany: (i) => records[i]!.company === true });
    this.marks = new Array(records.length).fill(null);
  }

  /** Indexes of the records with this key (a source may send one id twice, in two models). */
  lookup(kind: EntityKind, key: string): readonly number[] {
    return this.indicesOf.get(`${kind}|${key}`) ?? [];
  }

  mark(i: number, rule: Rule, explanation: string, decided: Mark['decided'] = null): void {
    if (this.marks[i] === null) this.marks[i] = { rule, explanation, decided, score: 1 };
  }

  override(i: number, mark: Mark): void {
    this.marks[i] = mark;
  }

  /** "crm record 0035…", as explanations name a record. */
  describe(i: number): string {
    const r = this.records[i]!;
    return `${r.source} record ${r.sourceId}`;
  }
}
