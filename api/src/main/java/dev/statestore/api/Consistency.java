package dev.statestore.api;

/** Read and write consistency requested by a request. Stores that offer only one level treat both alike. */
public enum Consistency {
    EVENTUAL,
    STRONG
}
