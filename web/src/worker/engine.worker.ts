// The training worker: owns the engine so that training never blocks the page.
import { loadNeuroStep } from '../engine/neurostep.js';
import type { FromWorker, ToWorker } from './protocol';
import { Session } from './session';

function main(scope: DedicatedWorkerGlobalScope): void {
  const session = new Session((message: FromWorker, transfer?: Transferable[]) => scope.postMessage(message, transfer ?? []), loadNeuroStep);
  scope.onmessage = (event: MessageEvent<ToWorker>) => session.receive(event.data);
}

main(self as unknown as DedicatedWorkerGlobalScope);
