package io.coachwork.session.teaching.domain;

/**
 * Who did not come (seed 002 §10, seed 001). TUTOR: the tutor never started the session; every
 * student is refunded in full (scheduling-service does it on the no_show event). STUDENTS: the
 * tutor started it but no student ever joined; the tutor is still paid.
 */
public enum NoShow {
    TUTOR, STUDENTS
}
