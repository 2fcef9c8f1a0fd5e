/** Replies matched to requests by an id this object gives out. */
export class Replies {
  nextId(): string;
  expect<T = unknown>(id: string): Promise<T>;
  deliver(id: string, reply: unknown): void;
  isOurs(id: unknown): id is string;
  failAll(error: Error): void;
}
