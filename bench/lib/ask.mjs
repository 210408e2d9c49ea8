/** posts `msg` to a worker thread and resolves with its first reply of `type` */
export function ask(worker, msg, type) {
  return new Promise((resolve) => {
    const on = (m) => {
      if (m.type === type) {
        worker.off('message', on);
        resolve(m);
      }
    };
    worker.on('message', on);
    worker.postMessage(msg);
  });
}
