// What both gradient-check views (GradientCheck.tsx for Dense networks, WeightChecks.tsx for
// models with other layers) say of a relative error: agreement below the tolerance, and the
// error written to one digit.

/** Below this the two agree to the precision a float64 difference quotient allows. */
export const CHECK_TOLERANCE = 1e-6;

/** A relative error as the tables show it: 2.0e−10, or 0. */
export const exponent = (e: number) => (e === 0 ? '0' : e.toExponential(1).replace('e-', 'e−'));
