export { WsIngestError, ConnectionError, AbortedError, ErrorCatalogue } from './errors.js';
export { backoffDelay, withRetries } from './backoff.js';
export { FIRST_REPLY_MS } from './socket.js';
export { ResumableUpload, UploadError, UPLOAD_ERRORS, uploadFile, encodeDataMessage } from './upload.js';
export { galileoSend, sha256Hex, GalileoError, GALILEO_ERRORS } from './galileo.js';
export { StreamClient, StreamError, STATUS, STREAM_CLOSE_ERRORS } from './stream.js';
export { UploadApiClient, UploadApiError, UPLOAD_API_CLOSE_ERRORS } from './uploadapi.js';
export { publish, receive, probe, Publisher, LiveError, LIVE_ERRORS } from './live.js';
