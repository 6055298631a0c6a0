package io.coachwork.platform.web;

/** Java property names as clients see them in JSON (field errors name the JSON field). */
final class SnakeCase {

    private SnakeCase() {
    }

    static String of(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
