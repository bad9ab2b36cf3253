// The page's end of the worker protocol: typed requests that resolve with the worker's answer,
// progress and cancel for long ones, a callback for the snapshots it streams while playing, and
// the frames that ask for them.
//
// The worker can die (a crash, the browser killing it for its memory, a call that never
// returns). A heartbeat (state/watchdog.ts) and worker.onerror notice it; the client then
// ends the worker, fails every request it was waiting for, and tells `onDead`, which restarts
// the engine (state/recovery.ts) with restart().
import { msg, type Message } from '../i18n';
import { fromPosted, MessageError } from '../i18n/engine';
import type { SnapshotArrays } from '../engine/neurostep';
import type { FrameReport, FromWorker, Requests, RequestType, Snapshot, ToWorker } from '../worker/protocol';
import { Watchdog } from './watchdog';

/** Options of a long request: how far it has come, and a signal that cancels it. */
export interface RequestOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

interface Pending {
  type: RequestType;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress?: (done: number, total: number) => void;
}

/** What the page is waiting for: the oldest unanswered request, and its progress if it sends any. */
export interface Waiting {
  type: RequestType;
  since: number;
  progress: { done: number; total: number } | null;
}

export class EngineClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly progress = new Map<number, { done: number; total: number }>();
  private readonly since = new Map<number, number>();
  private worker: Worker;
  private readonly watchdog: Watchdog;
  private dead = false;
  /** Told once per death, with what happened; set by the recovery (state/recovery.ts). */
  onDead: (reason: Message) => void = () => {};
  /** Told whenever the set of unanswered requests (or a progress) changes. */
  onWaiting: (waiting: Waiting | null) => void = () => {};

  constructor(
    private readonly createWorker: () => Worker,
    private readonly onSnapshot: (s: Snapshot) => void,
    private readonly onFatal: (message: string) => void,
  ) {
    this.watchdog = new Watchdog(
      () => this.send({ kind: 'ping' }),
      (ms) => this.die(msg('recovery.noAnswer', { seconds: Math.round(ms / 1000) })),
    );
    this.worker = this.connect();
  }

  request<T extends RequestType>(type: T, payload: Requests[T]['req'], options: RequestOptions = {}): Promise<Requests[T]['res']> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.dead) return reject(new MessageError(msg('recovery.beingRestarted')));
      if (options.signal?.aborted) return reject(new MessageError(msg('recovery.cancelled')));
      this.pending.set(id, { type, resolve: resolve as (v: unknown) => void, reject, onProgress: options.onProgress });
      this.since.set(id, performance.now());
      options.signal?.addEventListener('abort', () => this.pending.has(id) && this.send({ kind: 'cancel', id }), { once: true });
      this.send({ kind: 'request', id, type, payload });
      this.tellWaiting();
    });
  }

  /** Cancels the oldest request still unanswered (the one the busy indicator shows). */
  cancelWaiting(): void {
    const oldest = this.oldest();
    if (oldest !== null) this.send({ kind: 'cancel', id: oldest });
  }

  /**
   * Tells the worker a frame showed its last snapshot (report; null: no frame, only buffers), and
   * hands back the buffers of snapshots the page is done with (transferred, not copied).
   */
  frame(report: FrameReport | null, recycled: SnapshotArrays[]): void {
    if (!this.dead) this.worker.postMessage({ kind: 'frame', report, recycled } satisfies ToWorker, recycled.map((a) => a.f64.buffer));
  }

  /** A new worker after a death (its engine still has to be loaded: the `init` request). */
  restart(): void {
    this.worker.terminate();
    this.dead = false;
    this.worker = this.connect();
  }

  dispose(): void {
    this.watchdog.stop();
    this.worker.terminate();
    this.failAll(msg('recovery.disposed'));
  }

  private connect(): Worker {
    const worker = this.createWorker();
    worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data);
    // An uncaught error in the worker: its engine may be half way through a change, so it is
    // not trusted any more (a failed start is a death too: the recovery gives up on it).
    worker.onerror = (event) => {
      event.preventDefault();
      // The browser's own text of the error, as it gives it.
      this.die(event.message ? msg('recovery.crashedWith', { message: event.message }) : msg('recovery.crashed'));
    };
    this.watchdog.start();
    return worker;
  }

  private die(reason: Message): void {
    if (this.dead) return;
    this.dead = true;
    this.watchdog.stop();
    this.worker.terminate();
    this.failAll(msg('recovery.stopped', { reason }));
    this.onDead(reason);
  }

  private failAll(message: Message): void {
    for (const p of this.pending.values()) p.reject(new MessageError(message));
    this.pending.clear();
    this.progress.clear();
    this.since.clear();
    this.tellWaiting();
  }

  private send(message: ToWorker): void {
    if (!this.dead) this.worker.postMessage(message);
  }

  private oldest(): number | null {
    let oldest: number | null = null;
    for (const id of this.pending.keys()) if (oldest === null || id < oldest) oldest = id;
    return oldest;
  }

  private tellWaiting(): void {
    const oldest = this.oldest();
    if (oldest === null) return this.onWaiting(null);
    this.onWaiting({ type: this.pending.get(oldest)!.type, since: this.since.get(oldest)!, progress: this.progress.get(oldest) ?? null });
  }

  private receive(message: FromWorker): void {
    this.watchdog.heard();
    switch (message.kind) {
      case 'pong':
        break;
      case 'snapshot':
        this.onSnapshot(message.snapshot);
        break;
      case 'progress': {
        const p = this.pending.get(message.id);
        if (!p) return;
        this.progress.set(message.id, { done: message.done, total: message.total });
        p.onProgress?.(message.done, message.total);
        this.tellWaiting();
        break;
      }
      case 'response': {
        const p = this.pending.get(message.id);
        if (!p) return;
        this.pending.delete(message.id);
        this.progress.delete(message.id);
        this.since.delete(message.id);
        if (message.ok) p.resolve(message.result);
        else p.reject(fromPosted(message));
        this.tellWaiting();
        break;
      }
      case 'fatal':
        this.onFatal(message.error);
        break;
    }
  }
}

export function startEngineWorker(onSnapshot: (s: Snapshot) => void, onFatal: (m: string) => void): EngineClient {
  const create = () => new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'neurostep-engine' });
  return new EngineClient(create, onSnapshot, onFatal);
}
