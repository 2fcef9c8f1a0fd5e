/**
 * What the tests against a real server share. The server comes from the environment, set by the Maven suite's
 * ClientKitIT (or by hand): WSINGEST_URL (e.g. http://127.0.0.1:8080/) and WSINGEST_JWT_SECRET, the HS256 secret the
 * server verifies tokens with. Without them every test fails, saying so: nothing is skipped.
 */
import { createHash, createHmac, randomBytes, webcrypto } from 'node:crypto';

import WebSocketOfWs from 'ws';

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: these tests need a running server (see test/server/fixture.js)`);
  return value;
}

export const server = required('WSINGEST_URL');
const secret = required('WSINGEST_JWT_SECRET');

/** WebCrypto for Node 18, where `globalThis.crypto` is not there yet. */
export const subtle = webcrypto.subtle;

/** How long a test waits for the server; a deadline, not an expected duration. */
export const DEADLINE_MS = 60_000;

const base64url = (value) => Buffer.from(value).toString('base64url');

/** An HS256 token for the user, valid for ten minutes (or as `expiresIn` seconds say, negative for expired). */
export function token(subject, { admin = false, expiresIn = 600 } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: subject, iat: now, exp: now + expiresIn, ...(admin ? { roles: ['admin'] } : {}) };
  const unsigned = `${base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }))}.${base64url(JSON.stringify(claims))}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** A name no other test or run uses: users and projects are never shared, so tests are independent. */
export function unique(prefix) {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

/** Deterministic bytes of the given size. */
export function content(size, seed = 1) {
  const bytes = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5; // xorshift32
    bytes[i] = x & 0xff;
  }
  return bytes;
}

export const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** A REST call; resolves with the response (the body read as JSON when there is one). */
export async function api(method, path, bearer, body) {
  const response = await fetch(new URL(path, server), {
    method,
    headers: { Authorization: `Bearer ${bearer}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** A new project with these members. */
export async function project(...members) {
  const id = unique('kit');
  const admin = token('kit-admin', { admin: true });
  const created = await api('POST', 'api/projects', admin, { id, name: id });
  if (created.status !== 201) throw new Error(`creating project ${id}: ${created.status}`);
  for (const member of members) await api('PUT', `api/projects/${id}/members/${member}`, admin);
  return id;
}

/** The bytes of a project's stored file. */
export async function fileContent(projectId, fileId, bearer) {
  const response = await fetch(new URL(`api/projects/${projectId}/files/${fileId}/content`, server),
                               { headers: { Authorization: `Bearer ${bearer}` } });
  if (!response.ok) throw new Error(`file ${fileId}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/**
 * The `ws` package's WebSocket, keeping every socket it opened, so that a test can cut them as a network would:
 * `drop()` destroys the TCP connection with no close frame (the client sees 1006).
 */
export function droppableWebSocket() {
  const sockets = [];
  class Droppable extends WebSocketOfWs {
    constructor(...args) {
      super(...args);
      sockets.push(this);
    }
  }
  return {
    WebSocket: Droppable,
    opened: () => sockets.length,
    drop: () => sockets.forEach((socket) => socket.terminate()),
  };
}

export { WebSocketOfWs as WebSocket };

/** Resolves when `condition()` holds; rejects after the deadline. The condition is looked at every 20 ms. */
export async function until(what, condition, deadlineMs = DEADLINE_MS) {
  const end = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`still waiting for ${what} after ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
