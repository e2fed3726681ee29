;; The recursive Gaussian pass of recursive-gaussian.ts (filterLines) for lines along y or z, two neighbouring lines
;; per 128-bit lane pair: the same double-precision operations in the same order as the TypeScript (and ITK), so the
;; results are bit-identical; SIMD only does two lines at once. Compiled by scripts/build-recursive-rows.mjs into
;; recursive-rows-wasm.ts.
;;
;; rows(coef, in, inStep, length, width, out, outStep, first, last, causal, ring): all addresses are byte offsets into
;; the imported memory. coef holds 20 doubles: n0..n3, d1..d4, m1..m4, bn1..bn4, bm1..bm4. Line w's sample t is the
;; float32 at in + t·inStep + 4w; the result for t in [first, last] goes, rounded to float32, to
;; out + (t − first)·outStep + 4w. causal holds `length` rows and ring 4 rows of doubles, each row rs bytes (width
;; rounded up to even). With an odd width the last pair's second lane reads one sample past the line (the caller
;; leaves 16 bytes of slack after every buffer) and is never written to `out`.
(module
  (import "env" "memory" (memory 1))

  (func $inline_coef (param $at i32) (param $k i32) (result v128)
    (v128.load64_splat (i32.add (local.get $at) (i32.shl (local.get $k) (i32.const 3)))))

  ;; Two float32 samples at `at`, widened to doubles.
  (func $inline_in2 (param $at i32) (result v128)
    (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $at))))

  ;; ((a·p + b·q) + c·r) + d·s, in that order.
  (func $inline_sum4 (param $a v128) (param $p v128) (param $b v128) (param $q v128) (param $c v128) (param $r v128)
    (param $d v128) (param $s v128) (result v128)
    (f64x2.add
      (f64x2.add
        (f64x2.add (f64x2.mul (local.get $a) (local.get $p)) (f64x2.mul (local.get $b) (local.get $q)))
        (f64x2.mul (local.get $c) (local.get $r)))
      (f64x2.mul (local.get $d) (local.get $s))))

  ;; Row t of the output: float32(causal + anticausal), when t lies in [first, last].
  (func $write (param $t i32) (param $first i32) (param $last i32) (param $width i32) (param $rs i32)
    (param $causal i32) (param $ring i32) (param $out i32) (param $outStep i32)
    (local $c i32) (local $r i32) (local $o i32) (local $w i32) (local $value v128)
    (if (i32.or (i32.lt_s (local.get $t) (local.get $first)) (i32.gt_s (local.get $t) (local.get $last))) (then (return)))
    (local.set $c (i32.add (local.get $causal) (i32.mul (local.get $t) (local.get $rs))))
    (local.set $r (i32.add (local.get $ring) (i32.mul (i32.and (local.get $t) (i32.const 3)) (local.get $rs))))
    (local.set $o (i32.add (local.get $out) (i32.mul (i32.sub (local.get $t) (local.get $first)) (local.get $outStep))))
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_s (local.get $w) (local.get $width)))
        (local.set $value
          (f32x4.demote_f64x2_zero
            (f64x2.add
              (v128.load (i32.add (local.get $c) (i32.shl (local.get $w) (i32.const 3))))
              (v128.load (i32.add (local.get $r) (i32.shl (local.get $w) (i32.const 3)))))))
        (if (i32.lt_s (i32.add (local.get $w) (i32.const 1)) (local.get $width))
          (then (v128.store64_lane 0 (i32.add (local.get $o) (i32.shl (local.get $w) (i32.const 2))) (local.get $value)))
          (else (v128.store32_lane 0 (i32.add (local.get $o) (i32.shl (local.get $w) (i32.const 2))) (local.get $value))))
        (local.set $w (i32.add (local.get $w) (i32.const 2)))
        (br $pairs))))

  (func (export "rows")
    (param $coef i32) (param $in i32) (param $inStep i32) (param $length i32) (param $width i32) (param $out i32)
    (param $outStep i32) (param $first i32) (param $last i32) (param $causal i32) (param $ring i32)
    (local $n0 v128) (local $n1 v128) (local $n2 v128) (local $n3 v128)
    (local $d1 v128) (local $d2 v128) (local $d3 v128) (local $d4 v128)
    (local $m1 v128) (local $m2 v128) (local $m3 v128) (local $m4 v128)
    (local $bn1 v128) (local $bn2 v128) (local $bn3 v128) (local $bn4 v128)
    (local $bm1 v128) (local $bm2 v128) (local $bm3 v128) (local $bm4 v128)
    (local $v v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128)
    (local $rs i32) (local $end i32) (local $t i32) (local $w i32) (local $p i32) (local $q i32)
    (local $row i32) (local $crow i32) (local $r1 i32) (local $r2 i32) (local $r3 i32) (local $r4 i32)
    (local.set $n0 (call $inline_coef (local.get $coef) (i32.const 0)))
    (local.set $n1 (call $inline_coef (local.get $coef) (i32.const 1)))
    (local.set $n2 (call $inline_coef (local.get $coef) (i32.const 2)))
    (local.set $n3 (call $inline_coef (local.get $coef) (i32.const 3)))
    (local.set $d1 (call $inline_coef (local.get $coef) (i32.const 4)))
    (local.set $d2 (call $inline_coef (local.get $coef) (i32.const 5)))
    (local.set $d3 (call $inline_coef (local.get $coef) (i32.const 6)))
    (local.set $d4 (call $inline_coef (local.get $coef) (i32.const 7)))
    (local.set $m1 (call $inline_coef (local.get $coef) (i32.const 8)))
    (local.set $m2 (call $inline_coef (local.get $coef) (i32.const 9)))
    (local.set $m3 (call $inline_coef (local.get $coef) (i32.const 10)))
    (local.set $m4 (call $inline_coef (local.get $coef) (i32.const 11)))
    (local.set $bn1 (call $inline_coef (local.get $coef) (i32.const 12)))
    (local.set $bn2 (call $inline_coef (local.get $coef) (i32.const 13)))
    (local.set $bn3 (call $inline_coef (local.get $coef) (i32.const 14)))
    (local.set $bn4 (call $inline_coef (local.get $coef) (i32.const 15)))
    (local.set $bm1 (call $inline_coef (local.get $coef) (i32.const 16)))
    (local.set $bm2 (call $inline_coef (local.get $coef) (i32.const 17)))
    (local.set $bm3 (call $inline_coef (local.get $coef) (i32.const 18)))
    (local.set $bm4 (call $inline_coef (local.get $coef) (i32.const 19)))
    (local.set $rs (i32.shl (i32.and (i32.add (local.get $width) (i32.const 1)) (i32.const -2)) (i32.const 3)))
    (local.set $end (i32.sub (local.get $length) (i32.const 1)))

    ;; Start of both recursions, the first and last samples continued to infinity (ITK's BN and BM).
    (block $done
      (loop $pairs
        (br_if $done (i32.ge_s (local.get $w) (local.get $width)))
        (local.set $p (i32.add (local.get $in) (i32.shl (local.get $w) (i32.const 2))))
        (local.set $q (i32.add (local.get $causal) (i32.shl (local.get $w) (i32.const 3))))
        (local.set $v (call $inline_in2 (local.get $p)))
        (local.set $x1 (call $inline_in2 (i32.add (local.get $p) (local.get $inStep))))
        (local.set $x2 (call $inline_in2 (i32.add (local.get $p) (i32.mul (local.get $inStep) (i32.const 2)))))
        (local.set $x3 (call $inline_in2 (i32.add (local.get $p) (i32.mul (local.get $inStep) (i32.const 3)))))
        (local.set $s0
          (f64x2.sub
            (call $inline_sum4 (local.get $v) (local.get $n0) (local.get $v) (local.get $n1) (local.get $v) (local.get $n2) (local.get $v) (local.get $n3))
            (call $inline_sum4 (local.get $v) (local.get $bn1) (local.get $v) (local.get $bn2) (local.get $v) (local.get $bn3) (local.get $v) (local.get $bn4))))
        (local.set $s1
          (f64x2.sub
            (call $inline_sum4 (local.get $x1) (local.get $n0) (local.get $v) (local.get $n1) (local.get $v) (local.get $n2) (local.get $v) (local.get $n3))
            (call $inline_sum4 (local.get $s0) (local.get $d1) (local.get $v) (local.get $bn2) (local.get $v) (local.get $bn3) (local.get $v) (local.get $bn4))))
        (local.set $s2
          (f64x2.sub
            (call $inline_sum4 (local.get $x2) (local.get $n0) (local.get $x1) (local.get $n1) (local.get $v) (local.get $n2) (local.get $v) (local.get $n3))
            (call $inline_sum4 (local.get $s1) (local.get $d1) (local.get $s0) (local.get $d2) (local.get $v) (local.get $bn3) (local.get $v) (local.get $bn4))))
        (local.set $s3
          (f64x2.sub
            (call $inline_sum4 (local.get $x3) (local.get $n0) (local.get $x2) (local.get $n1) (local.get $x1) (local.get $n2) (local.get $v) (local.get $n3))
            (call $inline_sum4 (local.get $s2) (local.get $d1) (local.get $s1) (local.get $d2) (local.get $s0) (local.get $d3) (local.get $v) (local.get $bn4))))
        (v128.store (local.get $q) (local.get $s0))
        (v128.store (i32.add (local.get $q) (local.get $rs)) (local.get $s1))
        (v128.store (i32.add (local.get $q) (i32.mul (local.get $rs) (i32.const 2))) (local.get $s2))
        (v128.store (i32.add (local.get $q) (i32.mul (local.get $rs) (i32.const 3))) (local.get $s3))
        ;; Anticausal start: u, y1, y2 are samples end, end−1, end−2; a0..a3 the values at end..end−3 (in s0..s3).
        (local.set $p (i32.add (local.get $p) (i32.mul (local.get $end) (local.get $inStep))))
        (local.set $v (call $inline_in2 (local.get $p)))
        (local.set $x1 (call $inline_in2 (i32.sub (local.get $p) (local.get $inStep))))
        (local.set $x2 (call $inline_in2 (i32.sub (local.get $p) (i32.mul (local.get $inStep) (i32.const 2)))))
        (local.set $s0
          (f64x2.sub
            (call $inline_sum4 (local.get $v) (local.get $m1) (local.get $v) (local.get $m2) (local.get $v) (local.get $m3) (local.get $v) (local.get $m4))
            (call $inline_sum4 (local.get $v) (local.get $bm1) (local.get $v) (local.get $bm2) (local.get $v) (local.get $bm3) (local.get $v) (local.get $bm4))))
        (local.set $s1
          (f64x2.sub
            (call $inline_sum4 (local.get $v) (local.get $m1) (local.get $v) (local.get $m2) (local.get $v) (local.get $m3) (local.get $v) (local.get $m4))
            (call $inline_sum4 (local.get $s0) (local.get $d1) (local.get $v) (local.get $bm2) (local.get $v) (local.get $bm3) (local.get $v) (local.get $bm4))))
        (local.set $s2
          (f64x2.sub
            (call $inline_sum4 (local.get $x1) (local.get $m1) (local.get $v) (local.get $m2) (local.get $v) (local.get $m3) (local.get $v) (local.get $m4))
            (call $inline_sum4 (local.get $s1) (local.get $d1) (local.get $s0) (local.get $d2) (local.get $v) (local.get $bm3) (local.get $v) (local.get $bm4))))
        (local.set $s3
          (f64x2.sub
            (call $inline_sum4 (local.get $x2) (local.get $m1) (local.get $x1) (local.get $m2) (local.get $v) (local.get $m3) (local.get $v) (local.get $m4))
            (call $inline_sum4 (local.get $s2) (local.get $d1) (local.get $s1) (local.get $d2) (local.get $s0) (local.get $d3) (local.get $v) (local.get $bm4))))
        (local.set $q (i32.add (local.get $ring) (i32.shl (local.get $w) (i32.const 3))))
        (v128.store (i32.add (local.get $q) (i32.mul (i32.and (local.get $end) (i32.const 3)) (local.get $rs))) (local.get $s0))
        (v128.store (i32.add (local.get $q) (i32.mul (i32.and (i32.sub (local.get $end) (i32.const 1)) (i32.const 3)) (local.get $rs))) (local.get $s1))
        (v128.store (i32.add (local.get $q) (i32.mul (i32.and (i32.sub (local.get $end) (i32.const 2)) (i32.const 3)) (local.get $rs))) (local.get $s2))
        (v128.store (i32.add (local.get $q) (i32.mul (i32.and (i32.sub (local.get $end) (i32.const 3)) (i32.const 3)) (local.get $rs))) (local.get $s3))
        (local.set $w (i32.add (local.get $w) (i32.const 2)))
        (br $pairs)))

    ;; Causal recursion up to `last`.
    (local.set $t (i32.const 4))
    (block $done
      (loop $rows
        (br_if $done (i32.gt_s (local.get $t) (local.get $last)))
        (local.set $row (i32.add (local.get $in) (i32.mul (local.get $t) (local.get $inStep))))
        (local.set $crow (i32.add (local.get $causal) (i32.mul (local.get $t) (local.get $rs))))
        (local.set $w (i32.const 0))
        (block $rowDone
          (loop $pairs
            (br_if $rowDone (i32.ge_s (local.get $w) (local.get $width)))
            (local.set $p (i32.add (local.get $row) (i32.shl (local.get $w) (i32.const 2))))
            (local.set $q (i32.add (local.get $crow) (i32.shl (local.get $w) (i32.const 3))))
            (v128.store (local.get $q)
              (f64x2.sub
                (call $inline_sum4
                  (call $inline_in2 (local.get $p)) (local.get $n0)
                  (call $inline_in2 (i32.sub (local.get $p) (local.get $inStep))) (local.get $n1)
                  (call $inline_in2 (i32.sub (local.get $p) (i32.mul (local.get $inStep) (i32.const 2)))) (local.get $n2)
                  (call $inline_in2 (i32.sub (local.get $p) (i32.mul (local.get $inStep) (i32.const 3)))) (local.get $n3))
                (call $inline_sum4
                  (v128.load (i32.sub (local.get $q) (local.get $rs))) (local.get $d1)
                  (v128.load (i32.sub (local.get $q) (i32.mul (local.get $rs) (i32.const 2)))) (local.get $d2)
                  (v128.load (i32.sub (local.get $q) (i32.mul (local.get $rs) (i32.const 3)))) (local.get $d3)
                  (v128.load (i32.sub (local.get $q) (i32.mul (local.get $rs) (i32.const 4)))) (local.get $d4))))
            (local.set $w (i32.add (local.get $w) (i32.const 2)))
            (br $pairs)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $rows)))

    ;; The last four rows are known; the anticausal recursion (ring of four rows) writes each row once it is known.
    (local.set $t (local.get $end))
    (block $done
      (loop $rows
        (br_if $done (i32.le_s (local.get $t) (i32.sub (local.get $end) (i32.const 4))))
        (call $write (local.get $t) (local.get $first) (local.get $last) (local.get $width) (local.get $rs)
          (local.get $causal) (local.get $ring) (local.get $out) (local.get $outStep))
        (local.set $t (i32.sub (local.get $t) (i32.const 1)))
        (br $rows)))
    (local.set $t (i32.sub (local.get $length) (i32.const 4)))
    (block $done
      (loop $rows
        (br_if $done (i32.le_s (local.get $t) (local.get $first)))
        (local.set $row (i32.add (local.get $in) (i32.mul (local.get $t) (local.get $inStep))))
        (local.set $r1 (i32.add (local.get $ring) (i32.mul (i32.and (local.get $t) (i32.const 3)) (local.get $rs))))
        (local.set $r2 (i32.add (local.get $ring) (i32.mul (i32.and (i32.add (local.get $t) (i32.const 1)) (i32.const 3)) (local.get $rs))))
        (local.set $r3 (i32.add (local.get $ring) (i32.mul (i32.and (i32.add (local.get $t) (i32.const 2)) (i32.const 3)) (local.get $rs))))
        (local.set $r4 (i32.add (local.get $ring) (i32.mul (i32.and (i32.add (local.get $t) (i32.const 3)) (i32.const 3)) (local.get $rs))))
        (local.set $w (i32.const 0))
        (block $rowDone
          (loop $pairs
            (br_if $rowDone (i32.ge_s (local.get $w) (local.get $width)))
            (local.set $p (i32.add (local.get $row) (i32.shl (local.get $w) (i32.const 2))))
            (local.set $q (i32.shl (local.get $w) (i32.const 3)))
            (v128.store (i32.add (local.get $r4) (local.get $q))
              (f64x2.sub
                (call $inline_sum4
                  (call $inline_in2 (local.get $p)) (local.get $m1)
                  (call $inline_in2 (i32.add (local.get $p) (local.get $inStep))) (local.get $m2)
                  (call $inline_in2 (i32.add (local.get $p) (i32.mul (local.get $inStep) (i32.const 2)))) (local.get $m3)
                  (call $inline_in2 (i32.add (local.get $p) (i32.mul (local.get $inStep) (i32.const 3)))) (local.get $m4))
                (call $inline_sum4
                  (v128.load (i32.add (local.get $r1) (local.get $q))) (local.get $d1)
                  (v128.load (i32.add (local.get $r2) (local.get $q))) (local.get $d2)
                  (v128.load (i32.add (local.get $r3) (local.get $q))) (local.get $d3)
                  (v128.load (i32.add (local.get $r4) (local.get $q))) (local.get $d4))))
            (local.set $w (i32.add (local.get $w) (i32.const 2)))
            (br $pairs)))
        (call $write (i32.sub (local.get $t) (i32.const 1)) (local.get $first) (local.get $last) (local.get $width)
          (local.get $rs) (local.get $causal) (local.get $ring) (local.get $out) (local.get $outStep))
        (local.set $t (i32.sub (local.get $t) (i32.const 1)))
        (br $rows))))
)
