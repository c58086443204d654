#!/usr/bin/env node
'use strict';
// channels: text channels inside the platform's categories, written the
// way a plugin author would, straight against the IPC protocol of
// CONFORMANCE.md with no SDK: a readline loop over stdin, service calls
// correlated by id, and business logic on top.
//
// At boot it migrates its SQLite database (data.sql:self), reads its
// settings and subscribes to core.category.*, then says ready. Actions:
//
//   channels.create  {category_id, name}  -> {slug, category_id, name}
//   channels.list    {category_id?}       -> [{slug, category_id, name}]
//   channels.welcome {}                   -> {text}: the welcome_text setting
//   messages.post    {channel, text}      -> {id, channel, text, author}
//   messages.list    {channel, limit?}    -> [{id, channel, text, author}], oldest first
//
// A posted message is broadcast to every client (event "message", which
// clients see as channels.message, BC-2) and
// published as channels.message.posted; a created channel is published as
// channels.channel.created. When a category is deleted, its channels and
// their messages go with it. Settings are cached and read back with
// settings.get when the runtime says one changed. An hourly schedule,
// trim-history, keeps the newest HISTORY_LIMIT messages of each channel.
//
// `--fault NAME` plants one of the bugs in FAULTS, for conform's
// self-test (fixtures/mutants/channels-*); `--list-faults` prints them.

const readline = require('node:readline');

/** The bugs the self-test plants: name -> [rules it breaks, what it does]. */
const FAULTS = {
  'reader-awaits-handlers': [['FRAME-26', 'WD-3'], "awaits each frame's handler on its stdin reader, so a handler's own service call never gets its answer read"],
  'acks-malformed': [['EVT-12'], 'acknowledges a delivery with event_id in place of id and without subscription'],
  'settings-block-reader': [['FRAME-26', 'WD-3'], 'holds every stdin line back while it reads a changed setting, the answer it waits for included'],
  'deliveries-unacked': [['EVT-12'], 'handles each delivery but never acknowledges it'],
  'notifications-answered': [['NOTE-2', 'ENV-4'], 'answers every frame it does not know, notifications included'],
};

const fault = faultFromArgs(process.argv.slice(2));

function faultFromArgs(args) {
  if (args[0] === '--list-faults') {
    for (const [name, [breaks, summary]] of Object.entries(FAULTS)) {
      process.stdout.write(`${name}\t${breaks.join(',')}\t${summary}\n`);
    }
    process.exit(0);
  }
  if (args[0] !== '--fault') return '';
  if (!FAULTS[args[1]]) {
    process.stderr.write(`channels: no fault "${args[1]}" (--list-faults lists them)\n`);
    process.exit(2);
  }
  return args[1];
}

// ---- the wire ------------------------------------------------------------

class PluginError extends Error {
  constructor(code, message, context) {
    super(message);
    this.code = code;
    this.context = context;
  }
}

function send(frame) {
  process.stdout.write(`IPC:${JSON.stringify(frame)}\n`);
}

const pending = new Map(); // call id -> {resolve, reject}
let nextCall = 1;

/** Makes a service call; resolves to its result, rejects with its error. */
function call(type, params) {
  const id = `c${nextCall++}`;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    send({ type, id, params });
  });
}

function settle(frame) {
  const p = pending.get(frame.id);
  if (!p) return;
  pending.delete(frame.id);
  const failed = frame.type === 'event.ack' ? !frame.ok : frame.error != null;
  if (failed) p.reject(new PluginError(frame.error?.code || 'INTERNAL', frame.error?.message || 'failed', frame.error?.context));
  else p.resolve(frame.result ?? null);
}

const sql = {
  exec: (text) => call('data.sql', { op: 'exec', sql: text }),
  query: (text, args = []) => call('data.sql', { op: 'query', sql: text, args }),
  run: (text, args = []) => call('data.sql', { op: 'run', sql: text, args }),
};

// ---- business logic --------------------------------------------------------

const settings = { max_message_length: 500, welcome_text: 'Welcome!' };

const MIGRATIONS = `
CREATE TABLE IF NOT EXISTS channels (
  slug TEXT PRIMARY KEY,
  category_id TEXT NOT NULL,
  name TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  channel TEXT NOT NULL REFERENCES channels(slug) ON DELETE CASCADE,
  text TEXT NOT NULL,
  author TEXT NOT NULL
);`;

function slugify(name) {
  return name.toLowerCase().trim().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

function requireString(params, key) {
  const v = params?.[key];
  if (typeof v !== 'string' || v.trim() === '') throw new PluginError('INVALID_PARAMS', `${key} must be a non-empty string`, { param: key });
  return v;
}

async function findChannel(slug) {
  const [row] = await sql.query('SELECT slug, category_id, name FROM channels WHERE slug = ?', [slug]);
  if (!row) throw new PluginError('NOT_FOUND', `no channel ${JSON.stringify(slug)}`, { channel: slug });
  return row;
}

const actions = {
  async 'channels.create'(params) {
    const category = requireString(params, 'category_id');
    const name = requireString(params, 'name');
    const slug = slugify(name);
    if (!slug) throw new PluginError('INVALID_PARAMS', 'the name has no letter or digit', { param: 'name' });
    const [taken] = await sql.query('SELECT 1 AS one FROM channels WHERE slug = ?', [slug]);
    if (taken) throw new PluginError('CHANNEL_EXISTS', `a channel ${slug} already exists`, { channel: slug });
    await sql.run('INSERT INTO channels (slug, category_id, name) VALUES (?, ?, ?)', [slug, category, name]);
    const channel = { slug, category_id: category, name };
    await call('events.publish', { topic: 'channels.channel.created', payload: channel });
    return channel;
  },

  async 'channels.list'(params) {
    if (params?.category_id !== undefined) {
      return sql.query('SELECT slug, category_id, name FROM channels WHERE category_id = ? ORDER BY slug', [params.category_id]);
    }
    return sql.query('SELECT slug, category_id, name FROM channels ORDER BY slug');
  },

  async 'channels.welcome'() {
    return { text: settings.welcome_text };
  },

  async 'messages.post'(params, request) {
    const channel = (await findChannel(requireString(params, 'channel'))).slug;
    const text = requireString(params, 'text');
    if (text.length > settings.max_message_length) {
      throw new PluginError('INVALID_PARAMS', `a message has at most ${settings.max_message_length} characters`, { limit: settings.max_message_length, length: text.length });
    }
    const author = request.user?.id || 'anonymous';
    const { lastInsertRowid } = await sql.run('INSERT INTO messages (channel, text, author) VALUES (?, ?, ?)', [channel, text, author]);
    const message = { id: lastInsertRowid, channel, text, author };
    await call('broadcast.toAll', { event: 'message', payload: message });
    await call('events.publish', { topic: 'channels.message.posted', payload: message });
    return message;
  },

  async 'messages.list'(params) {
    const channel = (await findChannel(requireString(params, 'channel'))).slug;
    const limit = Number.isInteger(params.limit) && params.limit > 0 ? Math.min(params.limit, 500) : 50;
    return sql.query('SELECT id, channel, text, author FROM messages WHERE channel = ? ORDER BY id LIMIT ?', [channel, limit]);
  },
};

async function onCategoryEvent(topic, payload) {
  if (topic === 'core.category.deleted' && typeof payload?.id === 'string') {
    await sql.run('DELETE FROM channels WHERE category_id = ?', [payload.id]);
  }
}

/** The messages a channel keeps; trim-history deletes older ones. */
const HISTORY_LIMIT = 1000;

async function trimHistory() {
  await sql.run(
    'DELETE FROM messages WHERE id IN (SELECT id FROM messages m WHERE (SELECT count(*) FROM messages n WHERE n.channel = m.channel AND n.id > m.id) >= ?)',
    [HISTORY_LIMIT],
  );
}

async function onSettingChanged(key) {
  if (!(key in settings)) return;
  const value = await call('settings.get', { key });
  settings[key] = value;
}

// ---- dispatch --------------------------------------------------------------

async function serve(frame) {
  let reply;
  try {
    const handler = Object.hasOwn(actions, frame.action) ? actions[frame.action] : null;
    if (!handler) throw new PluginError('UNKNOWN_ACTION', `no action ${JSON.stringify(frame.action)}`);
    reply = { type: 'response', id: frame.id, result: (await handler(frame.params, frame)) ?? null };
  } catch (err) {
    const error = { code: err.code || 'INTERNAL', message: err.message || String(err) };
    if (err.context) error.context = err.context;
    reply = { type: 'response', id: frame.id, error };
  }
  send(reply);
}

async function deliver(frame) {
  let ack = { type: 'event.ack', id: frame.id, subscription: frame.subscription, ok: true };
  try {
    await onCategoryEvent(frame.topic, frame.payload);
  } catch (err) {
    ack = { ...ack, ok: false, error: { code: err.code || 'HANDLER_FAILED', message: err.message || String(err) } };
  }
  if (fault === 'deliveries-unacked') return;
  if (fault === 'acks-malformed') ack = { type: 'event.ack', event_id: frame.id, ok: ack.ok };
  send(ack);
}

// Deliveries of the one subscription are handled one at a time, in order,
// so their acks go out in the order they came (EVT-11, EVT-13).
let deliveries = Promise.resolve();

/** Handles one frame; the promise settles when its handler is done. */
function dispatch(frame) {
  switch (frame.type) {
    case 'ping':
      send({ type: 'pong', id: frame.id });
      return Promise.resolve();
    case 'request':
      return serve(frame);
    case 'response':
    case 'event.ack':
      settle(frame);
      return Promise.resolve();
    case 'event.deliver':
      deliveries = deliveries.then(() => deliver(frame));
      return deliveries;
    case 'core.plugin.config_changed':
      return refreshSetting(frame.key);
    case 'schedule.fired':
      return frame.name === 'trim-history' ? trimHistory() : Promise.resolve();
    default:
      if (fault === 'notifications-answered') send({ type: 'response', id: frame.id ?? frame.type, result: null });
      return Promise.resolve(); // presence and upload notifications: nothing to do here
  }
}

let holding = null; // settings-block-reader: the lines held back meanwhile

async function refreshSetting(key) {
  if (fault === 'settings-block-reader') holding = [];
  try {
    await onSettingChanged(key);
  } catch (err) {
    process.stderr.write(`channels: reading setting ${key} back failed: ${err.message}\n`);
  } finally {
    if (fault === 'settings-block-reader') {
      const held = holding;
      holding = null;
      for (const line of held) onLine(line);
    }
  }
}

function onLine(line) {
  if (holding) {
    holding.push(line);
    return Promise.resolve();
  }
  if (line.trim() === '') return Promise.resolve();
  let frame;
  try {
    frame = JSON.parse(line);
  } catch {
    process.stderr.write('channels: ignored a stdin line that is not JSON\n');
    return Promise.resolve();
  }
  if (!frame || typeof frame !== 'object') return Promise.resolve();
  return dispatch(frame).catch((err) => process.stderr.write(`channels: ${err.stack || err}\n`));
}

function exitWhenFlushed() {
  process.stdout.write('', () => process.exit(0));
}

const input = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
if (fault === 'reader-awaits-handlers') {
  // The bug: one frame at a time, each handler awaited before the next line
  // is read; the answer to a handler's service call waits behind it.
  (async () => {
    for await (const line of input) await onLine(line);
    exitWhenFlushed();
  })();
} else {
  input.on('line', (line) => {
    onLine(line);
  });
  input.on('close', exitWhenFlushed);
}

async function boot() {
  await sql.exec(MIGRATIONS);
  Object.assign(settings, await call('settings.getAll', {}));
  await call('events.subscribe', { pattern: 'core.category.*' });
  await call('schedule.register', { name: 'trim-history', interval_ms: 3600000 });
  send({ type: 'ready' });
  process.stdout.write('channels: ready\n');
}

boot().catch((err) => {
  process.stderr.write(`channels: boot failed: ${err.stack || err}\n`);
  process.exit(1);
});
