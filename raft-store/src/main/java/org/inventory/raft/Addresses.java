package org.inventory.raft;

import java.util.regex.Pattern;

/**
 * What a member's node id and addresses may be. They travel through the replicated directory, its snapshot file
 * (one line per member, fields separated by spaces) and every node's forwarding, so they are held to a strict form
 * before they are proposed, and checked again when applied: a host name (RFC 1123 labels) or an IPv4 or bracketed
 * IPv6 literal, and a port 1..65535; a node id of letters, digits, '.', '_' and '-'.
 */
public final class Addresses {
    private static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern HOST_NAME = Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]{2,45}]");

    private Addresses() {
    }

    /** @return {@code text} when it is HOST:PORT as above; else an IllegalArgumentException saying what is wrong */
    public static String hostPort(String text) {
        int colon = text.lastIndexOf(':');
        if (colon < 1 || colon == text.length() - 1) {
            throw new IllegalArgumentException("'" + printable(text) + "' is not HOST:PORT");
        }
        String host = text.substring(0, colon);
        String port = text.substring(colon + 1);
        if (!(IPV4.matcher(host).matches() || IPV6.matcher(host).matches() || (HOST_NAME.matcher(host).matches()
                && !host.chars().allMatch(c -> c == '.' || Character.isDigit(c))))) {
            throw new IllegalArgumentException("'" + printable(host) + "' is not a host name or IP address");
        }
        if (!port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("'" + printable(text) + "' is not HOST:PORT (the port is not a number)");
        }
        if (port.length() > 5 || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new IllegalArgumentException("port out of range in '" + printable(text) + "' (1..65535)");
        }
        return text;
    }

    public static String nodeId(String text) {
        if (!NODE_ID.matcher(text).matches()) {
            throw new IllegalArgumentException("node id '" + printable(text) + "' must be 1..64 letters, digits, '.', '_' or '-'"
                    + " starting with a letter or digit");
        }
        return text;
    }

    /** A member whose every field is in form. */
    public static Member member(String nodeId, String raft, String http) {
        return new Member(nodeId(nodeId), hostPort(raft), hostPort(http));
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return s.length() > 80 ? out + "…" : out.toString();
    }
}
