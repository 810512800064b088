package dev.statestore.api;

/** Read and write consistency that a request asks for; stores that offer only one level treat both alike. */
public enum Consistency {
    EVENTUAL,
    STRONG
}
