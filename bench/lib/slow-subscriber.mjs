/**
 * A live-event subscriber that stops reading: it connects to instances.onEvent (all instances), waits
 * for `connected`, then pauses its socket, so the runtime's writes back up (kernel buffers, then the
 * push layer's queue). `resume()` reads everything that comes afterwards, recording per instance the
 * seqs seen, the ids in order and the `: resync` comments, to check that nothing was lost.
 * Also reads the runtime's /metrics (the push layer's buffered bytes and resync count).
 */
import http from 'node:http';

export function slowSubscriber(url, token) {
  const u = new URL(`${url}/trpc/instances.onEvent?input=${encodeURIComponent('{}')}`);
  let markReady;
  const ready = new Promise((resolve) => (markReady = resolve));
  const state = { bytes: 0, resyncs: 0, frames: 0, ids: [], seen: new Map(), connected: false, paused: false };
  let response;
  let buffer = '';
  const parse = () => {
    let index;
    while ((index = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, index);
      buffer = buffer.slice(index + 2);
      let id;
      let data;
      for (const line of block.split('\n')) {
        if (line === ': resync') state.resyncs += 1;
        else if (line.startsWith('event: connected')) state.connected = true;
        else if (line.startsWith('id:')) id = Number(line.slice(3).trim());
        else if (line.startsWith('data:')) data = JSON.parse(line.slice(5));
      }
      if (!data || id === undefined) continue;
      state.frames += 1;
      state.ids.push(id);
      let s = state.seen.get(data.instanceId);
      if (!s) state.seen.set(data.instanceId, (s = { n: 0, max: 0, completed: false }));
      s.n += 1;
      s.max = Math.max(s.max, data.seq);
      if (data.type === 'instance.completed') s.completed = true;
    }
  };
  const req = http.get({ host: u.hostname, port: u.port, path: u.pathname + u.search, agent: false, headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' } }, (res) => {
    response = res;
    res.setEncoding('utf8');
    res.on('data', (chunk) => {
      state.bytes += chunk.length;
      buffer += chunk;
      parse();
      if (state.connected && !state.paused && !state.resumed) {
        // stop reading: the socket is paused, the kernel's buffers fill, then the runtime's
        state.paused = true;
        res.pause();
        markReady();
      }
    });
    res.on('error', () => undefined);
  });
  req.on('error', () => undefined);
  return {
    ready,
    state,
    resume: () => {
      state.resumed = true;
      response?.resume();
    },
    /** every instance complete with seqs 1..n, and ids strictly increasing */
    check(instanceIds) {
      let lost = 0;
      let gaps = 0;
      for (const id of instanceIds) {
        const s = state.seen.get(id);
        if (!s || !s.completed) lost += 1;
        else if (s.n !== s.max) gaps += 1;
      }
      let ordered = true;
      for (let i = 1; i < state.ids.length; i += 1) if (state.ids[i] <= state.ids[i - 1]) ordered = false;
      return { lost, gaps, ordered };
    },
    close: () => req.destroy(),
  };
}

/** the runtime's Prometheus metrics as { name: value } (unlabelled series only) */
export function scrapeMetrics(url) {
  return new Promise((resolve, reject) => {
    http
      .get(`${url}/metrics`, { agent: false }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          const out = {};
          for (const line of text.split('\n')) {
            const m = /^([a-z_]+) ([0-9.e+-]+)$/.exec(line);
            if (m) out[m[1]] = Number(m[2]);
          }
          resolve(out);
        });
      })
      .on('error', reject);
  });
}
