/**
 * Replies matched to requests by an id the client chose (protocol C's `x-request-id`, D's `request_id`). A reply
 * that arrives before anyone waits for it is kept for its id: one WebSocket read can deliver several messages before a
 * waiting promise runs, and a stream's final packet can follow its answer at once.
 */
export class Replies {
  constructor() {
    this.waiting = new Map();
    this.unclaimed = new Map();
    this.counter = 0;
    this.failure = null;
    // Ids unique across reconnects and page reloads, so a late reply is never taken for another request's.
    this.prefix = Math.random().toString(36).slice(2, 8);
  }

  nextId() {
    return `${this.prefix}-${++this.counter}`;
  }

  /** The next reply with this id. Rejects when the connection ends first. */
  expect(id) {
    const kept = this.unclaimed.get(id);
    if (kept?.length) {
      const reply = kept.shift();
      if (!kept.length) this.unclaimed.delete(id);
      return Promise.resolve(reply);
    }
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const queue = this.waiting.get(id) ?? [];
      queue.push({ resolve, reject });
      this.waiting.set(id, queue);
    });
  }

  /** Hands a reply to whoever waits for its id, or keeps it. `known(id)` says whether the id is one of ours. */
  deliver(id, reply) {
    const queue = this.waiting.get(id);
    if (queue?.length) {
      queue.shift().resolve(reply);
      if (!queue.length) this.waiting.delete(id);
      return;
    }
    const kept = this.unclaimed.get(id) ?? [];
    kept.push(reply);
    this.unclaimed.set(id, kept);
  }

  /** Whether the id is one this object gave out. */
  isOurs(id) {
    return typeof id === 'string' && id.startsWith(`${this.prefix}-`);
  }

  /** Every waiting request, and every later one, fails with this error: the connection is gone. */
  failAll(error) {
    this.failure = error;
    for (const queue of this.waiting.values()) queue.forEach((waiter) => waiter.reject(error));
    this.waiting.clear();
    this.unclaimed.clear();
  }
}
