"""What a pickup code costs to check, and to crack from a copied till database.

Measures the old offline check (salted SHA-256: the whole 10^6 code space is searched here, for
real), one Argon2id verification at the contract's minimum cost (the till's offline check; the
full search is extrapolated, not run), an offline bare-code search over N orders on the shelf,
and one Ed25519 QR verification. Prints figures, and as the last line one JSON object (ms).

    .venv/bin/python bench/pickup_codes.py [--shelf 20] [--runs 5]
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import time

from benchdata import emit, machine
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync import pickup_codes as C


def _ms(fn, runs: int) -> float:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(samples), 3)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shelf", type=int, default=20, help="orders waiting on the shelf (bare-code search)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    salt = os.urandom(16)
    target = hashlib.sha256(salt + b"999999").hexdigest()  # the last code tried: the whole space
    started = time.perf_counter()
    found = next(f"{n:06d}" for n in range(10**6)
                 if hashlib.sha256(salt + f"{n:06d}".encode()).hexdigest() == target)
    sha_search_ms = (time.perf_counter() - started) * 1000
    assert found == "999999"

    phc = C.code_hash("123456")
    argon_ms = _ms(lambda: C.code_matches(phc, "654321"), args.runs)
    shelf = [C.code_hash(f"{n:06d}") for n in range(args.shelf)]
    bare_ms = _ms(lambda: [C.code_matches(h, "999999") for h in shelf], max(1, args.runs // 2))

    key = Ed25519PrivateKey.generate()
    public = {"k1": C.public_key_text(key)}
    token = C.sign_pickup_token(key, "k1", "S001", "o" * 32, "PU00000001")
    qr_ms = _ms(lambda: C.verify_pickup_token(public, token, "S001", "o" * 32, "PU00000001"), args.runs * 20)

    print(f"machine: {machine()}")
    print(f"salted SHA-256, search of all 10^6 codes (old offline check): {sha_search_ms / 1000:.1f} s")
    print(f"Argon2id m=19 MiB t=2, one check: {argon_ms:.0f} ms -> 10^6 codes ~ {argon_ms * 1e6 / 3.6e6:.0f} CPU-hours")
    print(f"offline bare code, no order selected, {args.shelf} orders on the shelf: {bare_ms:.0f} ms")
    print(f"Ed25519 QR check: {qr_ms:.3f} ms")
    emit({"sha256_full_search_ms": round(sha_search_ms), "argon2id_check_ms": argon_ms,
          "argon2id_full_search_cpu_hours": round(argon_ms * 1e6 / 3.6e6), "shelf": args.shelf,
          "bare_code_offline_ms": bare_ms, "ed25519_qr_check_ms": qr_ms})


if __name__ == "__main__":
    main()
