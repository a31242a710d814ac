package com.routingml.drift;

import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

import java.util.Locale;

/**
 * Accuracy of the KS p-value of {@link DriftStatistics#ks} against the exact rational value
 * ({@link KsReference#pValueByPathCounting}), next to commons-math3's asymptotic p-value (the
 * alternative docs/decisions/0009-exact-ks-instead-of-commons-math3.md weighs), for windows up
 * to 1,000 scores against baselines up to 5,000, on the test fixture {@link Scores} (12 % ties
 * at 1.0, or none), undrifted and shifted.
 * Run:
 * <pre>
 *   mvn -Pbench -DskipTests package &amp;&amp; java -cp target/bench/benchmarks.jar com.routingml.drift.KsAccuracyStudy
 * </pre>
 * Prints one line per case and the maxima. A study, not a test: printing to stdout is its job.
 */
public final class KsAccuracyStudy {

    private static final int[] WINDOWS = {20, 50, 100, 200, 500, 1000};
    private static final int[] BASELINES = {1000, 5000};
    private static final double[] SHIFTS = {0.0, 0.01, 0.02, 0.03, 0.05};
    private static final int SEEDS = 4;

    private KsAccuracyStudy() {
    }

    public static void main(String[] args) {
        double maxOurs = 0;
        double maxOursRelative = 0;
        double maxCommons = 0;
        String worstCommons = "";
        int cases = 0;
        long seed = 1;
        System.out.printf("ties         n     m  cases  max |ours-exact|  max rel.   max |commons-exact|%n");
        for (boolean ties : new boolean[] {true, false}) {
            for (int m : BASELINES) {
                double[] baseline = (ties ? Scores.withTies(seed) : Scores.continuous(seed)).sample(m, 0);
                seed++;
                for (int n : WINDOWS) {
                    double rowOurs = 0;
                    double rowRelative = 0;
                    double rowCommons = 0;
                    int rowCases = 0;
                    for (double shift : SHIFTS) {
                        for (int s = 0; s < SEEDS; s++) {
                            double[] window = (ties ? Scores.withTies(seed) : Scores.continuous(seed)).sample(n, shift);
                            seed++;
                            double exact = KsReference.pValueByPathCounting(window, baseline);
                            double ours = DriftStatistics.ks(window, baseline).pValue();
                            double commons = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(window, baseline, true);
                            double dOurs = Math.abs(ours - exact);
                            double dCommons = Math.abs(commons - exact);
                            rowOurs = Math.max(rowOurs, dOurs);
                            rowRelative = Math.max(rowRelative, exact == 0 ? 0 : dOurs / exact);
                            rowCommons = Math.max(rowCommons, dCommons);
                            rowCases++;
                            if (dCommons > maxCommons) {
                                maxCommons = dCommons;
                                worstCommons = (ties ? "ties" : "no ties") + ", n=" + n + ", m=" + m + ", shift="
                                        + shift + ": exact " + exact + ", commons-math " + commons;
                            }
                        }
                    }
                    System.out.printf(Locale.ROOT, "%-9s %5d %5d  %5d  %.2e          %.2e   %.4f%n",
                            ties ? "12% at 1" : "none", n, m, rowCases, rowOurs, rowRelative, rowCommons);
                    maxOurs = Math.max(maxOurs, rowOurs);
                    maxOursRelative = Math.max(maxOursRelative, rowRelative);
                    cases += rowCases;
                }
            }
        }
        System.out.printf(Locale.ROOT, "%n%d cases (shifts %s, %d seeds each)%nmax |ours - exact| = %.3e "
                + "(relative %.3e)%nmax |commons-math - exact| = %.4f (%s)%n", cases,
                java.util.Arrays.toString(SHIFTS), SEEDS, maxOurs, maxOursRelative, maxCommons, worstCommons);
    }
}
