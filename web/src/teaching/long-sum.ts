// When a sum is too long to write out (an image's 784 pixels): Teach mode writes its largest
// terms, by the engine's terms (trainer.forwardTerms), then "+ ... (n smaller terms)".

/** A sum of more terms than this is long. */
export const LONG_SUM = 16;
/** How many terms of a long sum are written out. */
export const LARGEST_KEPT = 12;
