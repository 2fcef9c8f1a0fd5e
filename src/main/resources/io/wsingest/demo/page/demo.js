// The demonstration page: each box drives one protocol through the client kit in lib/, the same modules as
// clients/js/src. Every status line shows an error's code, the constant a portal would switch on.
import { galileoSend, publish, receive, ResumableUpload, StreamClient, UploadApiClient } from './lib/index.js';

const $ = (id) => document.getElementById(id);
const server = location.origin;
const getToken = () => $('token').value.trim();
const project = () => $('project').value.trim();

function status(box, text, state = '') {
  $(`${box}-status`).textContent = text;
  $(`${box}-status`).dataset.state = state;
}

const describe = (error) => (error.code ? `${error.code}: ${error.message}` : String(error));
const fraction = (done, total) => (total ? done / total : 1);
const chosenFile = (box) => $(`${box}-file`).files[0] ?? null;

// A: pause and resume are the library's; a page reload leaves a note in localStorage that names the file to pick again.
let upload = null;

function showUploadButtons(state) {
  $('a-start').disabled = state === 'uploading';
  $('a-pause').disabled = state !== 'uploading';
  $('a-resume').disabled = state !== 'paused';
  $('a-cancel').disabled = state !== 'uploading' && state !== 'paused';
}

function showPendingUpload() {
  const pending = project() && ResumableUpload.pending({ server, projectId: project() });
  $('a-pending').textContent = pending
    ? `An upload of ${pending.name} (${pending.size} bytes) was interrupted in this project: choose the file again and`
      + ' press Upload to continue it.'
    : '';
}

async function runUpload() {
  showUploadButtons('uploading');
  status('a', 'uploading', 'uploading');
  try {
    await upload.start();
    status('a', `stored: ${upload.name} (${upload.file.size} bytes)`, 'completed');
  } catch (error) {
    const { stored } = upload.progress();
    status('a', error.code === 'PAUSED' ? `paused, ${stored} bytes stored` : describe(error), upload.state);
  }
  showUploadButtons(upload.state);
  showPendingUpload();
}

$('a-start').onclick = () => {
  const file = chosenFile('a');
  if (!file) return status('a', 'choose a file first');
  upload = new ResumableUpload(file, {
    server, projectId: project(), getToken,
    onProgress: ({ sent, total }) => { $('a-progress').value = fraction(sent, total); },
    onRetry: (error, delay) => status('a', `${describe(error)}; reconnecting in ${Math.round(delay)} ms`, 'uploading'),
  });
  return runUpload();
};
$('a-pause').onclick = () => upload.pause();
$('a-resume').onclick = () => runUpload();
$('a-cancel').onclick = async () => {
  try {
    await upload.cancel();
    status('a', 'cancelled: the project\'s upload was destroyed', 'cancelled');
  } catch (error) {
    status('a', describe(error), 'failed');
  }
  showUploadButtons(upload.state);
  showPendingUpload();
};
$('project').addEventListener('change', showPendingUpload);

// B and C: one call each, with a progress bar.
$('b-start').onclick = async () => {
  const file = chosenFile('b');
  if (!file) return status('b', 'choose a file first');
  status('b', 'hashing and sending', 'uploading');
  try {
    const { sha256 } = await galileoSend(file, {
      server, getToken, project: project() || undefined,
      onProgress: ({ sent, total }) => { $('b-progress').value = fraction(sent, total); },
    });
    status('b', `stored, sha256 ${sha256}`, 'completed');
  } catch (error) {
    status('b', describe(error), 'failed');
  }
};

let streams = null;
$('c-start').onclick = async () => {
  const file = chosenFile('c');
  if (!file) return status('c', 'choose a file first');
  streams ??= new StreamClient({ server, getToken });
  status('c', 'streaming', 'uploading');
  try {
    const stored = await streams.upload(file, {
      onProgress: ({ sent, total }) => { $('c-progress').value = fraction(sent, total); },
    });
    status('c', `stored as ${stored.id}, sha256 ${stored.sha256}`, 'completed');
  } catch (error) {
    status('c', describe(error), 'failed');
  }
};

// D: the text of a dropped page grows line by line as the server reads it.
let uploads = null;

async function readText(file) {
  status('d', `sending ${file.name}`, 'uploading');
  $('d-text').textContent = '';
  try {
    if (!uploads) {
      uploads = new UploadApiClient({ server, getToken, onClose: (error) => status('d', describe(error), 'failed') });
      await uploads.connect();
    }
    const result = await uploads.createAndRead(file, (text, state) => {
      $('d-text').textContent = text;
      status('d', state.status, state.status);
    });
    $('d-text').textContent = result.raw_text;
    status('d', 'processed', 'processed');
  } catch (error) {
    status('d', describe(error), 'failed');
  }
}

$('d-file').onchange = () => chosenFile('d') && readText(chosenFile('d'));
$('d-drop').addEventListener('dragover', (event) => {
  event.preventDefault();
  $('d-drop').classList.add('over');
});
$('d-drop').addEventListener('dragleave', () => $('d-drop').classList.remove('over'));
$('d-drop').addEventListener('drop', (event) => {
  event.preventDefault();
  $('d-drop').classList.remove('over');
  const file = event.dataTransfer.files[0];
  if (file) readText(file);
});

// E: the camera as WebM chunks from MediaRecorder, played back through Media Source Extensions.
const MEDIA_TYPE = ['video/webm;codecs=vp8', 'video/webm;codecs=vp9', 'video/webm']
  .find((type) => globalThis.MediaRecorder?.isTypeSupported(type) && globalThis.MediaSource?.isTypeSupported(type));
/** A MediaRecorder chunk every quarter of a second: a receiver starts playing soon after it joins. */
const CHUNK_MS = 250;
const stops = [];
const channel = () => ({ server, channel: $('e-channel').value.trim(), key: $('e-key').value.trim() });

function endedWith(live, what) {
  live.ended.then(({ reason }) => status('e', `${what}: ${reason || 'closed'}`),
                  (error) => status('e', `${what}: ${describe(error)}`, 'failed'));
}

$('e-publish').onclick = async () => {
  if (!MEDIA_TYPE) return status('e', 'this browser cannot record WebM', 'failed');
  try {
    const camera = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
    const publisher = await publish(channel());
    const recorder = new MediaRecorder(camera, { mimeType: MEDIA_TYPE });
    recorder.ondataavailable = ({ data }) => {
      if (data.size) publisher.send(data).catch(() => recorder.state !== 'inactive' && recorder.stop());
    };
    recorder.start(CHUNK_MS);
    endedWith(publisher, 'publishing');
    stops.push(() => {
      recorder.stop();
      camera.getTracks().forEach((track) => track.stop());
      return publisher.close();
    });
    $('e-stop').disabled = false;
    status('e', `publishing ${MEDIA_TYPE}`, 'publishing');
  } catch (error) {
    status('e', describe(error), 'failed');
  }
};

$('e-watch').onclick = async () => {
  if (!MEDIA_TYPE) return status('e', 'this browser cannot play WebM from a stream', 'failed');
  const video = $('e-video');
  const media = new MediaSource();
  video.src = URL.createObjectURL(media);
  await new Promise((resolve) => media.addEventListener('sourceopen', resolve, { once: true }));
  const buffer = media.addSourceBuffer(MEDIA_TYPE);
  buffer.mode = 'sequence';
  const waiting = [];
  const feed = () => {
    if (!buffer.updating && waiting.length) buffer.appendBuffer(waiting.shift());
  };
  buffer.addEventListener('updateend', feed);
  try {
    const receiver = await receive({ ...channel(), onChunk: (chunk) => { waiting.push(chunk); feed(); } });
    endedWith(receiver, 'watching');
    stops.push(() => receiver.close());
    status('e', `watching ${$('e-channel').value.trim()}`, 'watching');
    $('e-stop').disabled = false;
    video.play().catch(() => {}); // muted autoplay; a browser that refuses waits for a click on the video
  } catch (error) {
    status('e', describe(error), 'failed');
  }
};

$('e-stop').onclick = async () => {
  await Promise.all(stops.splice(0).map((stop) => stop()));
  $('e-stop').disabled = true;
};

showPendingUpload();
