package org.inventory.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parsers of the tools' outputs, on outputs captured from the real tools. */
class ParsersTest {

    @Test
    void latencyNearestRankAndLookup() {
        long[] us = new long[1000];
        for (int i = 0; i < us.length; i++) {
            us[i] = (i + 1) * 1000L; // 1..1000 ms
        }
        Latency l = Latency.ofMicros(us);
        assertThat(l.at(0)).isEqualTo(1.0);
        assertThat(l.at(50)).isEqualTo(500.0);
        assertThat(l.at(99)).isEqualTo(990.0);
        assertThat(l.at(99.9)).isEqualTo(999.0);
        assertThat(l.at(100)).isEqualTo(1000.0);
        // a percentile between two listed ones reads the higher one
        assertThat(l.at(97)).isEqualTo(990.0);
    }

    @Test
    void worstOfTakesTheHigherValuePerPercentile() {
        Latency a = Latency.parseMicrosList("0:100,50:1000,99:5000,100:9000");
        Latency b = Latency.parseMicrosList("0:200,50:800,99:7000,100:8000");
        Latency w = Latency.worstOf(List.of(a, b));
        assertThat(w.at(50)).isEqualTo(1.0);
        assertThat(w.at(99)).isEqualTo(7.0);
        assertThat(w.at(100)).isEqualTo(9.0);
    }

    @Test
    void wrkBenchLine() {
        String out = """
                Running 3s test @ http://127.0.0.1:8083
                  2 threads and 8 connections
                BENCH requests=890 duration_us=3012633 reserved=447 committed=443 reads=0 insufficient=0 overloaded=0 unavailable=0 other=1 connect_errors=0 read_errors=0 write_errors=0 timeouts=2 lat_us=0:6443,10:14343,25:18879,50:24152,75:31395,90:46189,95:60514,99:106661,99.5:121909,99.9:131161,99.95:131161,99.99:131161,100:131161
                BENCH_SAMPLE 500 {"code":"internal"}
                """;
        Wrk.Run r = Wrk.parse(out);
        assertThat(r.get("committed")).isEqualTo(443);
        assertThat(r.seconds()).isCloseTo(3.0126, within(1e-3));
        assertThat(r.failures()).isEqualTo(3);
        assertThat(r.latency().at(50)).isCloseTo(24.152, within(1e-9));
        assertThat(r.latency().at(99.9)).isCloseTo(131.161, within(1e-9));
        assertThat(r.sample()).startsWith("500 ");
    }

    @Test
    void redisBenchmarkOutput() {
        String out = "EVALSHA: rps=0.0 (overall: 1000.0) avg_msec=0.300 (overall: 0.300)\r"
                + """
                ====== EVALSHA abc 1 stock:hot 1 c-__rand_int__ ======
                  20000 requests completed in 0.25 seconds
                  16 parallel clients

                Latency by percentile distribution:
                0.000% <= 0.023 milliseconds (cumulative count 2)
                50.000% <= 0.151 milliseconds (cumulative count 10286)
                75.000% <= 0.215 milliseconds (cumulative count 15668)
                99.219% <= 0.519 milliseconds (cumulative count 19847)
                99.902% <= 1.471 milliseconds (cumulative count 19981)
                99.994% <= 5.175 milliseconds (cumulative count 19999)
                100.000% <= 5.199 milliseconds (cumulative count 20000)

                Cumulative distribution of latencies:
                40.395% <= 0.103 milliseconds (cumulative count 8079)
                100.000% <= 6.103 milliseconds (cumulative count 20000)

                Summary:
                  throughput summary: 79681.28 requests per second
                """;
        RedisPeer.Parsed p = RedisPeer.parse(out);
        assertThat(p.requests()).isEqualTo(20000);
        assertThat(p.rps()).isCloseTo(79681.28, within(1e-6));
        assertThat(p.seconds()).isCloseTo(20000 / 79681.28, within(1e-9));
        assertThat(p.latency().at(50)).isEqualTo(0.151);
        assertThat(p.latency().at(99)).isEqualTo(0.519);
        assertThat(p.latency().at(99.9)).isEqualTo(1.471);
        assertThat(p.latency().at(100)).isEqualTo(5.199);
    }

    @Test
    void pgbenchTransactionLogAndSummary(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tx.1234"), "0 0 1500 0 1700000000 123456\n1 0 2500 0 1700000000 123999\n");
        Files.writeString(dir.resolve("tx.1234.1"), "2 0 500 0 1700000000 124000\n3 1 failed 0 1700000000 124100\n");
        long[] samples = PgPeer.readTxLog(dir);
        assertThat(samples).containsExactlyInAnyOrder(1500, 2500, 500);
        String summary = """
                number of transactions actually processed: 4887
                number of failed transactions: 3 (0.061%)
                latency average = 9.812 ms
                initial connection time = 10.102 ms
                tps = 1626.512345 (without initial connection time)
                """;
        assertThat(PgPeer.parseTps(summary)).isCloseTo(1626.512345, within(1e-9));
        assertThat(PgPeer.parseFailed(summary)).isEqualTo(3);
    }

    @Test
    void procStatWithAnAwkwardCommandName() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 89 10 20 0 57 0 100 0 0";
        assertThat(Cpu.parseStat(stat)).containsExactly(1234, 567, 89, 10);
    }

    @Test
    void chartIsWellFormedSvg() throws Exception {
        Svg.Axis x = new Svg.Axis("clients", 0.8, 384, true, new double[] {1, 16, 64, 256}, v -> Long.toString(Math.round(v)));
        double[] yr = Svg.logRange(500, 80_000);
        Svg.Axis y = new Svg.Axis("ops/s", yr[0], yr[1], true, Svg.logTicks(yr[0], yr[1]), Svg::human);
        String svg = Svg.chart("a <title> & more", x, y, List.of(
                new Svg.Series("inventory", List.of(new double[] {1, 500}, new double[] {64, 20_000}), false),
                new Svg.Series("redis", List.of(new double[] {1, 13_000}, new double[] {64, 80_000}), true)), "foot");
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(doc.getElementsByTagName("polyline").getLength()).isEqualTo(2);
        assertThat(Svg.logTicks(100, 100_000)).contains(100, 200, 500, 1000, 100_000);
        assertThat(Report.nines(99)).isCloseTo(2, within(1e-9));
    }

    @Test
    void optionsQuickAndDefault() {
        Options quick = Options.parse(new String[] {"--quick"});
        assertThat(quick.concurrencies()).containsExactly(1, 16);
        assertThat(quick.focusConcurrency()).isEqualTo(16);
        Options full = Options.parse(new String[] {"--only", "hot,postgres"});
        assertThat(full.concurrencies()).containsExactly(1, 16, 64, 256);
        assertThat(full.focusConcurrency()).isEqualTo(64);
        assertThat(full.phases()).containsExactly("hot", "postgres");
        assertThat(Map.of("x", 1)).isNotEmpty();
    }
}
