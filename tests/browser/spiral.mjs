// The page under load, shared by the page benchmark (bench/page_bench.mjs), the memory soak
// (bench/page_soak.mjs) and the play-loop browser test: the spiral set up as issue 12 measures
// it, and a probe that counts the animation frames in which the pictures actually changed.

/**
 * The spiral with 500 points, two hidden layers of 8 tanh, batch 10, speed max (Play not yet
 * started). Returns the engine's spec.
 * @param {import('playwright-core').Page} page
 */
export async function setUpSpiral(page) {
  const settled = (check, arg) => page.waitForFunction(check, arg, { timeout: 20_000 });
  await page.getByTestId('dataset-spiral').click();
  await settled(() => window.__neurostep.settings().dataset === 'spiral');
  await page.getByTestId('field-count').locator('input').fill('500');
  await settled(() => window.__neurostep.snapshot()?.trainSize === 500);
  // Two hidden layers of 8 tanh (the start state has 10 and 8 ReLU).
  for (let i = 0; i < 2; ++i) {
    const units = await page.getByTestId('units-1').textContent();
    await page.getByTestId('units-minus-1').click();
    await settled((u) => document.querySelector('[data-testid=units-1]').textContent !== u, units);
  }
  for (const c of [1, 2]) {
    await page.getByTestId(`activation-${c}`).selectOption('tanh');
    await settled(async (l) => (await window.__neurostep.spec()).layers[l].activation === 'tanh', c - 1);
  }
  const batch = page.getByTestId('field-batchSize').locator('input');
  await batch.fill('10');
  await batch.press('Enter');
  await settled(() => window.__neurostep.snapshot()?.batchSize === 10);
  await page.getByTestId('speed').fill('100');
  return page.evaluate(() => window.__neurostep.spec());
}

/**
 * Starts a requestAnimationFrame probe in the page. Every animation frame it reads the pixels
 * of the decision boundary canvas and of the neuron heatmap canvas, hashes them (FNV-1a over
 * every other pixel of every other row) and counts the frames in which each hash differs from the frame before:
 * those are the frames in which the screen showed a new picture. It also counts the frames in
 * which the page held a newer snapshot than at the frame before (snapshot().seq), to check the
 * pixel count against, and the time the probe itself took (it runs on the page's main thread).
 * @param {import('playwright-core').Page} page
 */
export function installFrameProbe(page) {
  return page.evaluate(() => {
    const w = /** @type {any} */ (window);
    const probe = { frames: 0, boundaryChanged: 0, neuronsChanged: 0, newSnapshot: 0, probeMs: 0, longestGapMs: 0, running: true };
    w.__frameProbe = probe;
    // Each canvas is first copied at half size, nearest pixel, into a canvas of the probe's own
    // (willReadFrequently keeps it in memory): a quarter of the pixels to read and hash. A
    // boundary cell is 2 or more pixels wide, so every cell is still sampled.
    const copies = new Map();
    const hashOf = (/** @type {HTMLCanvasElement | null} */ canvas) => {
      if (!canvas || canvas.width < 2 || canvas.height < 2) return 0;
      const w2 = canvas.width >> 1, h2 = canvas.height >> 1;
      let copy = copies.get(canvas);
      if (!copy) {
        const c = document.createElement('canvas');
        copies.set(canvas, (copy = c.getContext('2d', { willReadFrequently: true })));
        copy.imageSmoothingEnabled = false;
      }
      if (copy.canvas.width !== w2 || copy.canvas.height !== h2) {
        copy.canvas.width = w2;
        copy.canvas.height = h2;
        copy.imageSmoothingEnabled = false;
      }
      copy.clearRect(0, 0, w2, h2);
      copy.drawImage(canvas, 0, 0, w2, h2);
      const pixels = new Uint32Array(copy.getImageData(0, 0, w2, h2).data.buffer);
      let h = 0x811c9dc5;
      for (let i = 0; i < pixels.length; ++i) h = Math.imul(h ^ pixels[i], 0x01000193);
      return h >>> 0;
    };
    let boundary = -1, neurons = -1, seq = -1, last = -1;
    const tick = (/** @type {number} */ now) => {
      if (!probe.running) return;
      const start = performance.now();
      probe.frames++;
      if (last >= 0) probe.longestGapMs = Math.max(probe.longestGapMs, now - last);
      last = now;
      const b = hashOf(document.querySelector('[data-testid=boundary]'));
      const n = hashOf(document.querySelector('[data-testid=neuron-fields]'));
      const s = w.__neurostep.snapshot()?.seq ?? -1;
      if (boundary >= 0 && b !== boundary) probe.boundaryChanged++;
      if (neurons >= 0 && n !== neurons) probe.neuronsChanged++;
      if (seq >= 0 && s !== seq) probe.newSnapshot++;
      boundary = b;
      neurons = n;
      seq = s;
      probe.probeMs += performance.now() - start;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** The probe's counters now, with the page's clock and the snapshot's epoch. */
export function readProbe(page) {
  return page.evaluate(() => {
    const w = /** @type {any} */ (window);
    const s = w.__neurostep.snapshot();
    return { t: performance.now(), ...w.__frameProbe, epoch: s.epoch, seq: s.seq, grids: s.neuronGrids?.length ?? 0, hasGrid: s.grid !== null };
  });
}

/** Rates between two readProbe results. */
export function rates(start, end) {
  const seconds = (end.t - start.t) / 1000;
  const per = (key) => (end[key] - start[key]) / seconds;
  return {
    seconds,
    frames: per('frames'),
    boundaryRefreshes: per('boundaryChanged'),
    neuronRefreshes: per('neuronsChanged'),
    newSnapshotFrames: per('newSnapshot'),
    snapshots: per('seq'),
    epochs: per('epoch'),
    probeMsPerFrame: (end.probeMs - start.probeMs) / Math.max(1, end.frames - start.frames),
  };
}

/**
 * One reading of memory while playing: the page's JS heap after a full garbage collection, the
 * memory behind its ArrayBuffers and how many there are, its DOM nodes and event listeners
 * (Chrome DevTools Protocol), the worker's wasm heap, malloc's bytes in use and embind's handles
 * (window.__neurostep.memory()), and the epoch and snapshot counts.
 * @param {import('playwright-core').Page} page
 * @param {import('playwright-core').CDPSession} cdp a session on the page with Performance enabled
 */
export async function memorySample(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? NaN;
  const engine = await page.evaluate(async () => {
    const h = window.__neurostep;
    return { ...(await h.memory()), epoch: h.snapshot().epoch, seq: h.snapshot().seq };
  });
  return {
    t: Date.now(),
    jsHeap: heap.usedSize,
    buffers: heap.backingStorageSize ?? NaN,
    bufferCount: metric('ArrayBufferContents'),
    nodes: metric('Nodes'),
    listeners: metric('JSEventListeners'),
    ...engine,
  };
}

/** A CDP session on the page, ready for memorySample. */
export async function memorySession(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await cdp.send('HeapProfiler.enable');
  return cdp;
}

/**
 * Bytes the engine's history may add for `epochs` more epochs: 40 bytes a record (five numbers)
 * in the trainer and in its checkpoint clone, in vectors that grow by doubling.
 */
export const historyBytes = (epochs) => 2 * 2 * 40 * epochs;
