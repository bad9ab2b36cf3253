// Sizes and names the page and the worker agree on. Both threads import this file; it imports
// nothing, so neither side reaches into the other's code for a number.

/** Cells per side of the coarse grid each neuron's activation is read on (Snapshot.neuronGrids);
 * the diagram draws each neuron's heatmap from it, about 24 px wide. */
export const NEURON_GRID_CELLS = 32;

/** Rows written into an exported script; more are read from the CSV beside it. */
export const INLINE_ROWS = 200;
/** The exported script's file name: the name the script's own docstring runs. */
export const SCRIPT_FILE = 'model.py';
/** The exported data's file name, read by the script when the rows are not inline. */
export const CSV_FILE = 'neurostep-data.csv';
