// The page's end of the worker protocol: typed requests that resolve with the worker's answer,
// a callback for the snapshots it streams while playing, and the frames that ask for them.
import { fromPosted } from '../i18n/engine';
import type { SnapshotArrays } from '../engine/neurostep';
import type { FrameReport, FromWorker, Requests, RequestType, Snapshot, ToWorker } from '../worker/protocol';

export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly worker: Worker,
    private readonly onSnapshot: (s: Snapshot) => void,
    private readonly onFatal: (message: string) => void,
  ) {
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
    worker.onerror = (event) => onFatal(event.message || 'the training worker failed to start');
  }

  request<T extends RequestType>(type: T, payload: Requests[T]['req']): Promise<Requests[T]['res']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.send({ kind: 'request', id, type, payload });
    });
  }

  /**
   * Tells the worker a frame showed its last snapshot (report; null: no frame, only buffers), and
   * hands back the buffers of snapshots the page is done with (transferred, not copied).
   */
  frame(report: FrameReport | null, recycled: SnapshotArrays[]): void {
    this.worker.postMessage({ kind: 'frame', report, recycled } satisfies ToWorker, recycled.map((a) => a.f64.buffer));
  }

  dispose(): void {
    this.worker.terminate();
    for (const p of this.pending.values()) p.reject(new Error('the engine was stopped'));
    this.pending.clear();
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  private receive(message: FromWorker): void {
    switch (message.kind) {
      case 'snapshot':
        this.onSnapshot(message.snapshot);
        break;
      case 'response': {
        const p = this.pending.get(message.id);
        if (!p) return;
        this.pending.delete(message.id);
        if (message.ok) p.resolve(message.result);
        else p.reject(fromPosted(message));
        break;
      }
      case 'fatal':
        this.onFatal(message.error);
        break;
    }
  }
}

export function startEngineWorker(onSnapshot: (s: Snapshot) => void, onFatal: (m: string) => void): EngineClient {
  const worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'neurostep-engine' });
  return new EngineClient(worker, onSnapshot, onFatal);
}
