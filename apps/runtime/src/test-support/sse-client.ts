/** Reads a tRPC SSE subscription over real HTTP, as a browser's EventSource would. */
export interface SseMessage {
  id?: string;
  data: unknown;
}

export function subscribe(url: string, procedure: string, input: unknown, token: string, onMessage: (m: SseMessage) => void): { close(): void; ready: Promise<void> } {
  const controller = new AbortController();
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  void (async () => {
    const res = await fetch(`${url}/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += decoder.decode(value, { stream: true });
      let index: number;
      while ((index = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, index);
        buffer = buffer.slice(index + 2);
        let id: string | undefined;
        let event = 'message';
        const data: string[] = [];
        for (const line of block.split('\n')) {
          if (line.startsWith('id:')) id = line.slice(3).trim();
          else if (line.startsWith('event:')) event = line.slice(6).trim();
          else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
        }
        if (event === 'connected') markReady();
        if (event === 'message' && data.length) onMessage({ ...(id ? { id } : {}), data: JSON.parse(data.join('\n')) });
      }
    }
  })().catch(() => undefined);
  return { close: () => controller.abort(), ready };
}
