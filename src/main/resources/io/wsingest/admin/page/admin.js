// The operator page: asks for an administrator's token, keeps it in this tab's sessionStorage, and every few seconds
// samples GET ../api/admin/figures and ../api/live/channels with it, keeping the last minutes in memory for the charts.
// The settings are read once, from ../api/admin/settings. Every value is written as text, never as markup.
"use strict";

const SAMPLE_MILLIS = 5000;
const WINDOW_SAMPLES = 120; // ten minutes
const TOKEN_KEY = "wsingest.admin.token";

const samples = [];
let timer = null;

const $ = (selector) => document.querySelector(selector);

function setText(selector, text) {
    for (const element of document.querySelectorAll(selector)) {
        element.textContent = text;
    }
}

function bytes(n) {
    if (n === null || n === undefined) {
        return "–";
    }
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let unit = 0;
    let value = n;
    while (Math.abs(value) >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return (unit === 0 ? value : value.toFixed(1)) + " " + units[unit];
}

/** A refusal of the token: back to the sign-in form, saying why. */
class Refused extends Error {
}

async function getJson(path) {
    const response = await fetch(path, {
        headers: {"Authorization": "Bearer " + sessionStorage.getItem(TOKEN_KEY), "Accept": "application/json"},
        cache: "no-store"
    });
    if (response.status === 401 || response.status === 403) {
        let reason = "";
        try {
            reason = (await response.json()).error || "";
        } catch (e) {
            // No JSON body: the status says enough.
        }
        throw new Refused(response.status === 403
            ? "Refused (403): this token is not an administrator's" + (reason ? " (" + reason + ")" : "") + "."
            : "Refused (401): the server does not accept this token" + (reason ? " (" + reason + ")" : "") + ".");
    }
    if (!response.ok) {
        const error = new Error(path + " answered " + response.status);
        error.status = response.status;
        throw error;
    }
    return response.json();
}

function signedIn(yes) {
    $("#login").hidden = yes;
    $("#dashboard").hidden = !yes;
    $("#sign-out").hidden = !yes;
}

function signOut(reason) {
    clearTimeout(timer);
    timer = null;
    sessionStorage.removeItem(TOKEN_KEY);
    samples.length = 0;
    signedIn(false);
    setText("#sampled", "");
    setText("#login-error", reason || "");
}

async function start() {
    setText("#login-error", "");
    try {
        await sample();
    } catch (e) {
        if (e instanceof Refused) {
            signOut(e.message);
            return;
        }
        throw e;
    }
    signedIn(true);
    loadSettings();
}

async function sample() {
    clearTimeout(timer);
    try {
        const [figures, live] = await Promise.all([getJson("../api/admin/figures"), getJson("../api/live/channels")]);
        samples.push(figures);
        if (samples.length > WINDOW_SAMPLES) {
            samples.shift();
        }
        showFigures(figures);
        showChannels(live);
        setText("#error", "");
    } catch (e) {
        if (e instanceof Refused) {
            throw e;
        }
        setText("#error", "The last sample failed: " + e.message + ". Trying again.");
    }
    timer = setTimeout(() => sample().catch((e) => signOut(e.message)), SAMPLE_MILLIS);
}

/** One figure's values over the window; counters as the change from the sample before. */
function series(pick, asRate) {
    const values = samples.map(pick);
    return asRate ? values.slice(1).map((v, i) => Math.max(0, v - values[i])) : values;
}

function drawChart(canvas, values) {
    const context = canvas.getContext("2d");
    const width = canvas.width;
    const height = canvas.height;
    context.clearRect(0, 0, width, height);
    if (values.length < 2) {
        return;
    }
    // The chart spans what the page has sampled: since it opened, at most the window.
    const max = Math.max(1, ...values);
    const step = width / (values.length - 1);
    context.beginPath();
    values.forEach((v, i) => {
        const x = i * step;
        const y = height - 2 - (v / max) * (height - 4);
        if (i === 0) {
            context.moveTo(x, y);
        } else {
            context.lineTo(x, y);
        }
    });
    context.strokeStyle = "#3a7bd5";
    context.lineWidth = 1.5;
    context.stroke();
}

function cell(row, text, className) {
    const td = row.insertCell();
    td.textContent = text;
    if (className) {
        td.className = className;
    }
    return td;
}

/** A table cell with a figure's chart and its value. */
function figureCell(row, key, text, values) {
    const box = document.createElement("div");
    box.className = "figure";
    const canvas = document.createElement("canvas");
    canvas.width = 120;
    canvas.height = 24;
    const value = document.createElement("span");
    value.dataset.figure = key;
    value.textContent = text;
    box.append(canvas, value);
    cell(row, "", "number").append(box);
    drawChart(canvas, values);
}

function showFigures(figures) {
    setText("#sampled", "Node " + figures.node + ", sampled " + new Date(figures.at).toLocaleTimeString());
    const body = $("#protocols tbody");
    body.replaceChildren();
    figures.protocols.forEach((p, index) => {
        const row = body.insertRow();
        row.dataset.protocol = p.protocol;
        cell(row, p.protocol + " — " + p.name);
        const of = (field) => (s) => s.protocols[index][field];
        figureCell(row, p.protocol + ".connections", String(p.connections), series(of("connections"), false));
        figureCell(row, p.protocol + ".completed", String(p.completed), series(of("completed"), true));
        figureCell(row, p.protocol + ".bytes", bytes(p.bytes), series(of("bytes"), true));
    });

    const ocr = figures.ocr;
    setText("[data-figure='ocr.busy']", String(ocr.waiting + ocr.running));
    setText("[data-figure='ocr.running']", String(ocr.running));
    setText("[data-figure='ocr.waiting']", String(ocr.waiting));
    setText("[data-figure='ocr.workers']", String(ocr.workers));
    setText("[data-figure='ocr.queueLimit']", String(ocr.queueLimit));
    drawChart($("[data-chart='ocr.busy']"), series((s) => s.ocr.waiting + s.ocr.running, false));

    const disk = figures.disk;
    setText("[data-figure='disk.free']", bytes(disk.freeBytes));
    setText("[data-figure='disk.reserve']", bytes(disk.minFreeBytes));
    const bar = $("#disk-bar");
    // The bar is the free space; the reserve is the part of it uploads never use.
    const reserveShare = disk.freeBytes ? Math.min(1, disk.minFreeBytes / disk.freeBytes) : 1;
    bar.firstElementChild.style.width = (100 * (1 - reserveShare)).toFixed(1) + "%";
    bar.classList.toggle("low", reserveShare > 0.8);
    setText("#disk-note", disk.error
        ? disk.error
        : "The bar is the free space uploads may still use, above the reserve.");
}

function showChannels(live) {
    const body = $("#channels tbody");
    body.replaceChildren();
    for (const c of live.channels) {
        const row = body.insertRow();
        row.dataset.channel = c.channel;
        cell(row, c.channel);
        cell(row, c.publishing ? "yes" : "no");
        cell(row, String(c.receivers), "number");
        cell(row, String(c.waitingReceivers), "number");
        cell(row, bytes(c.bytesIn), "number");
        cell(row, bytes(c.bytesOut), "number");
        cell(row, bytes(c.cachedBytes), "number");
    }
    if (live.channels.length === 0) {
        cell(body.insertRow(), "No channel is active or has a stored key.").colSpan = 7;
    }
    const f = live.figures;
    setText("#live-figures", "Key mode " + live.keyMode + ". " + f.receivers + " receivers, " + f.waitingReceivers
        + " waiting, " + f.receiversDroppedTooSlow + " cut off for falling behind; cache " + bytes(f.cacheBytes)
        + " of " + bytes(f.cacheBudgetBytes) + ".");
}

/** The effective settings, as GET /api/admin/settings lists them (secrets already hidden by the server). */
async function loadSettings() {
    const body = $("#settings tbody");
    body.replaceChildren();
    try {
        const list = (await getJson("../api/admin/settings")).settings;
        for (const setting of list) {
            const row = body.insertRow();
            row.dataset.setting = setting.key;
            cell(row, setting.key);
            cell(row, setting.value === null ? "(unset)" : setting.value);
            cell(row, setting.configured ? "configured" : "default", "muted");
        }
        setText("#settings-note", list.length === 0 ? "No settings reported." : "");
    } catch (e) {
        setText("#settings-note", e.status === 404
            ? "This server does not list its settings."
            : "The settings could not be read: " + e.message + ".");
    }
}

$("#login-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $("#token").value.trim());
    $("#token").value = "";
    start();
});
$("#sign-out").addEventListener("click", () => signOut(""));
if (sessionStorage.getItem(TOKEN_KEY)) {
    start();
}
