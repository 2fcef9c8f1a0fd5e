package io.wsingest.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrRangeTest {

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.0.0.0, true",
            "10.0.0.0/8, 10.255.255.255, true",
            "10.0.0.0/8, 11.0.0.0, false",
            "10.0.0.0/8, 9.255.255.255, false",
            "192.168.1.0/24, 192.168.1.77, true",
            "192.168.1.0/24, 192.168.2.1, false",
            "172.16.0.0/12, 172.31.255.1, true",
            "172.16.0.0/12, 172.32.0.1, false",
            "127.0.0.1, 127.0.0.1, true",
            "127.0.0.1, 127.0.0.2, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "10.1.2.3/8, 10.9.9.9, true",
            "fd00::/8, fd12:3456::1, true",
            "fd00::/8, fe80::1, false",
            "2001:db8::/32, 2001:0db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "::1, 0:0:0:0:0:0:0:1, true",
            "::1/128, ::2, false",
            "::/0, 2a00::1, true",
            "10.0.0.0/8, ::ffff:10.1.2.3, true",
            "::ffff:10.0.0.0/104, 10.200.0.1, true",
            "10.0.0.0/8, fd00::1, false",
            "::/0, 10.0.0.1, false",
            "fe80::/10, fe80::1%eth0, true",
            "fe80::/10, [fe80::2], true",
    })
    void matchesAddressesInTheRange(String range, String address, boolean inside) {
        assertTrue(CidrRange.parse(range).contains(address) == inside, range + " contains " + address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.org", "localhost", "10.0.0.0/33", "10.0.0.0/-1", "::1/129", "256.1.1.1",
            "10.0.0", "10.0.0.0/x", "1.2.3.4/8/8", "gggg::1"})
    void refusesWhatIsNotALiteralRange(String text) {
        assertThrows(IllegalArgumentException.class, () -> CidrRange.parse(text));
    }

    @Test
    void neverResolvesHostNames() {
        CidrRange all = CidrRange.parse("0.0.0.0/0");
        assertFalse(all.contains("localhost"));
        assertFalse(all.contains("example.org"));
        assertFalse(all.contains((String) null));
        assertFalse(all.contains("unknown"));
    }

    @Test
    void listMatchesWhenAnyRangeDoes() {
        CidrList list = CidrList.parse(List.of("127.0.0.1", "10.0.0.0/8", "::1"));
        assertTrue(list.contains("127.0.0.1"));
        assertTrue(list.contains("10.2.3.4"));
        assertTrue(list.contains("0:0:0:0:0:0:0:1"));
        assertFalse(list.contains("192.168.0.1"));
        assertTrue(CidrList.empty().isEmpty());
        assertFalse(CidrList.empty().contains("127.0.0.1"));
    }

    @Test
    void listNamesTheBadEntry() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CidrList.parse(List.of("10.0.0.0/8", "intranet")));
        assertTrue(e.getMessage().contains("intranet"), e.getMessage());
    }
}
