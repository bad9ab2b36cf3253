// The dataset picker's thumbnails: every built-in generator, small, from the engine.
import type { Dataset } from '../lib/types';
import { SETTINGS } from '../settings';
import type { EngineClient } from './engine-client';

/** Small previews of every generator for the dataset picker (a missing one is only cosmetic). */
export async function generatorPreviews(client: EngineClient): Promise<Record<string, Dataset>> {
  const out: Record<string, Dataset> = {};
  for (const option of SETTINGS.dataset.options) {
    if (option.value === 'custom') continue;
    try {
      out[option.value] = await client.request('generate', { name: option.value, count: 120, noise: 0.1, seed: 7 });
    } catch {
      /* a missing preview is only cosmetic */
    }
  }
  return out;
}
