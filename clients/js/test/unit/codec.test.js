import assert from 'node:assert/strict';
import { webcrypto } from 'node:crypto';
import { test } from 'node:test';

import { encodeDataMessage, HEADER_BYTES } from '../../src/upload.js';
import { sha256Hex } from '../../src/galileo.js';

const hex = (bytes) => Buffer.from(bytes).toString('hex').match(/../g).join(' ');

test('protocol A data message: the protocol page\'s example, little-endian', () => {
  const message = encodeDataMessage(258, new TextEncoder().encode('abc'));
  assert.equal(hex(message), '02 01 00 00 00 00 00 00 03 00 61 62 63');
});

test('protocol A data message: the same in big-endian', () => {
  const message = encodeDataMessage(258, new TextEncoder().encode('abc'), false);
  assert.equal(hex(message), '00 00 00 00 00 00 01 02 00 03 61 62 63');
});

test('protocol A data message: an offset past 4 GiB and the largest count of the default buffer', () => {
  const data = new Uint8Array(32758).fill(7);
  const message = encodeDataMessage(2 ** 33 + 5, data.buffer);
  const view = new DataView(message.buffer);
  assert.equal(message.byteLength, 32768);
  assert.equal(view.getBigInt64(0, true), 2n ** 33n + 5n);
  assert.equal(view.getInt16(8, true), 32758);
  assert.deepEqual(message.subarray(HEADER_BYTES), data);
});

test('protocol A data message: no data is allowed', () => {
  assert.equal(hex(encodeDataMessage(5, new Uint8Array(0))), '05 00 00 00 00 00 00 00 00 00');
});

test('sha256Hex: the FIPS 180-2 example "abc"', async () => {
  // Node 18 has WebCrypto only as node:crypto's webcrypto.
  assert.equal(await sha256Hex(new Blob(['abc']), webcrypto.subtle),
               'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});
