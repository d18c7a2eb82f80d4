package dev.edgenas.gap8.codegen;

/** A kernel the GAP8 firmware cannot run (no en_* kernel for it, or it can never fit memory). */
public class UnsupportedKernelException extends Exception {
    public UnsupportedKernelException(String reason) {
        super(reason);
    }
}
