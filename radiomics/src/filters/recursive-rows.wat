;; The recursive Gaussian passes of recursive-gaussian.ts in WebAssembly, two lines per 128-bit register: `rows` is
;; filterLines for lines along y or z (neighbouring lines adjacent in memory), `lines` is filterContiguousLines for
;; lines along x. The same double-precision operations in the same order as the TypeScript (and ITK), so the results
;; are bit-identical; SIMD only does two lines at once. Compiled by scripts/build-recursive-rows.mjs into
;; recursive-rows-wasm.ts (functions named $inline_… are expanded where they are called).
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

  ;; Samples at `a` (lane 0) and `b` (lane 1), two lines' float32 values widened to doubles.
  (func $inline_pair (param $a i32) (param $b i32) (result v128)
    (f64x2.replace_lane 1
      (f64x2.splat (f64.promote_f32 (f32.load (local.get $a))))
      (f64.promote_f32 (f32.load (local.get $b)))))

  ;; Lane 0 of `value` rounded to float32 at `a`, lane 1 at `b`.
  (func $inline_put (param $a i32) (param $b i32) (param $value v128)
    (f32.store (local.get $a) (f32.demote_f64 (f64x2.extract_lane 0 (local.get $value))))
    (f32.store (local.get $b) (f32.demote_f64 (f64x2.extract_lane 1 (local.get $value)))))

  ;; lines(coef, in, length, width, inLine, out, outLine, first, last, causal): line w's sample t is the float32 at
  ;; in + inLine·w + 4t; the result for t in [first, last] goes to out + outLine·w + 4(t − first). Lines are taken two
  ;; at a time; an odd last line is paired with itself. causal holds `length` pairs of doubles.
  (func (export "lines")
    (param $coef i32) (param $in i32) (param $length i32) (param $width i32) (param $inLine i32) (param $out i32)
    (param $outLine i32) (param $first i32) (param $last i32) (param $causal i32)
    (local $n0 v128) (local $n1 v128) (local $n2 v128) (local $n3 v128)
    (local $d1 v128) (local $d2 v128) (local $d3 v128) (local $d4 v128)
    (local $m1 v128) (local $m2 v128) (local $m3 v128) (local $m4 v128)
    (local $bn1 v128) (local $bn2 v128) (local $bn3 v128) (local $bn4 v128)
    (local $bm1 v128) (local $bm2 v128) (local $bm3 v128) (local $bm4 v128)
    (local $v v128) (local $x v128) (local $x1 v128) (local $x2 v128) (local $x3 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $value v128)
    (local $w i32) (local $t i32) (local $end i32) (local $pa i32) (local $pb i32) (local $oa i32) (local $ob i32)
    (local $k i32)
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
    (local.set $end (i32.sub (local.get $length) (i32.const 1)))
    (block $linesDone
      (loop $pairs
        (br_if $linesDone (i32.ge_s (local.get $w) (local.get $width)))
        (local.set $pa (i32.add (local.get $in) (i32.mul (local.get $w) (local.get $inLine))))
        (local.set $oa (i32.add (local.get $out) (i32.mul (local.get $w) (local.get $outLine))))
        (local.set $pb (local.get $pa))
        (local.set $ob (local.get $oa))
        (if (i32.lt_s (i32.add (local.get $w) (i32.const 1)) (local.get $width))
          (then
            (local.set $pb (i32.add (local.get $pa) (local.get $inLine)))
            (local.set $ob (i32.add (local.get $oa) (local.get $outLine)))))
        ;; Causal start (BN), then the recursion with inputs t−1…t−3 in x1…x3 and outputs t−4…t−1 in s0…s3.
        (local.set $v (call $inline_pair (local.get $pa) (local.get $pb)))
        (local.set $x1 (call $inline_pair (i32.add (local.get $pa) (i32.const 4)) (i32.add (local.get $pb) (i32.const 4))))
        (local.set $x2 (call $inline_pair (i32.add (local.get $pa) (i32.const 8)) (i32.add (local.get $pb) (i32.const 8))))
        (local.set $x3 (call $inline_pair (i32.add (local.get $pa) (i32.const 12)) (i32.add (local.get $pb) (i32.const 12))))
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
        (v128.store (local.get $causal) (local.get $s0))
        (v128.store (i32.add (local.get $causal) (i32.const 16)) (local.get $s1))
        (v128.store (i32.add (local.get $causal) (i32.const 32)) (local.get $s2))
        (v128.store (i32.add (local.get $causal) (i32.const 48)) (local.get $s3))
        ;; x1, x2, x3 become inputs t−3, t−2, t−1: (x1, x2, x3) = (x_1, x_2, x_3) at t = 4 already.
        (local.set $t (i32.const 4))
        (block $causalDone
          (loop $causalLoop
            (br_if $causalDone (i32.gt_s (local.get $t) (local.get $last)))
            (local.set $x
              (call $inline_pair
                (i32.add (local.get $pa) (i32.shl (local.get $t) (i32.const 2)))
                (i32.add (local.get $pb) (i32.shl (local.get $t) (i32.const 2)))))
            (local.set $value
              (f64x2.sub
                (call $inline_sum4 (local.get $x) (local.get $n0) (local.get $x3) (local.get $n1) (local.get $x2) (local.get $n2) (local.get $x1) (local.get $n3))
                (call $inline_sum4 (local.get $s3) (local.get $d1) (local.get $s2) (local.get $d2) (local.get $s1) (local.get $d3) (local.get $s0) (local.get $d4))))
            (v128.store (i32.add (local.get $causal) (i32.shl (local.get $t) (i32.const 4))) (local.get $value))
            (local.set $x1 (local.get $x2))
            (local.set $x2 (local.get $x3))
            (local.set $x3 (local.get $x))
            (local.set $s0 (local.get $s1))
            (local.set $s1 (local.get $s2))
            (local.set $s2 (local.get $s3))
            (local.set $s3 (local.get $value))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $causalLoop)))
        ;; Anticausal start (BM): v, x1, x2 are samples end, end−1, end−2; s0…s3 the values at end…end−3.
        (local.set $v (call $inline_pair (i32.add (local.get $pa) (i32.shl (local.get $end) (i32.const 2))) (i32.add (local.get $pb) (i32.shl (local.get $end) (i32.const 2)))))
        (local.set $x1 (call $inline_pair (i32.add (local.get $pa) (i32.shl (i32.sub (local.get $end) (i32.const 1)) (i32.const 2))) (i32.add (local.get $pb) (i32.shl (i32.sub (local.get $end) (i32.const 1)) (i32.const 2)))))
        (local.set $x2 (call $inline_pair (i32.add (local.get $pa) (i32.shl (i32.sub (local.get $end) (i32.const 2)) (i32.const 2))) (i32.add (local.get $pb) (i32.shl (i32.sub (local.get $end) (i32.const 2)) (i32.const 2)))))
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
        ;; Rows end … end−3 hold s0 … s3: write those in [first, last].
        (local.set $k (i32.const 0))
        (block $tailDone
          (loop $tail
            (br_if $tailDone (i32.ge_s (local.get $k) (i32.const 4)))
            (local.set $t (i32.sub (local.get $end) (local.get $k)))
            (if (i32.and (i32.ge_s (local.get $t) (local.get $first)) (i32.le_s (local.get $t) (local.get $last)))
              (then
                (local.set $value
                  (f64x2.add
                    (v128.load (i32.add (local.get $causal) (i32.shl (local.get $t) (i32.const 4))))
                    (select (result v128) (local.get $s0)
                      (select (result v128) (local.get $s1)
                        (select (result v128) (local.get $s2) (local.get $s3) (i32.eq (local.get $k) (i32.const 2)))
                        (i32.eq (local.get $k) (i32.const 1)))
                      (i32.eqz (local.get $k)))))
                (call $inline_put
                  (i32.add (local.get $oa) (i32.shl (i32.sub (local.get $t) (local.get $first)) (i32.const 2)))
                  (i32.add (local.get $ob) (i32.shl (i32.sub (local.get $t) (local.get $first)) (i32.const 2)))
                  (local.get $value))))
            (local.set $k (i32.add (local.get $k) (i32.const 1)))
            (br $tail)))
        ;; Anticausal recursion: at t it yields the value at t−1 from inputs t…t+3 (x, x1, x2, x3 → reuse: v = x_t+3).
        ;; Registers: x = input t, x1 = t+1, x2 = t+2, x3 = t+3; s3 = value t, s2 = t+1, s1 = t+2, s0 = t+3.
        (local.set $x3 (local.get $v))
        (local.set $x2 (local.get $x1))
        (local.set $x1 (call $inline_pair (i32.add (local.get $pa) (i32.shl (i32.sub (local.get $end) (i32.const 2)) (i32.const 2))) (i32.add (local.get $pb) (i32.shl (i32.sub (local.get $end) (i32.const 2)) (i32.const 2)))))
        (local.set $x (call $inline_pair (i32.add (local.get $pa) (i32.shl (i32.sub (local.get $end) (i32.const 3)) (i32.const 2))) (i32.add (local.get $pb) (i32.shl (i32.sub (local.get $end) (i32.const 3)) (i32.const 2)))))
        (local.set $t (i32.sub (local.get $length) (i32.const 4)))
        (block $antiDone
          (loop $anti
            (br_if $antiDone (i32.le_s (local.get $t) (local.get $first)))
            (local.set $value
              (f64x2.sub
                (call $inline_sum4 (local.get $x) (local.get $m1) (local.get $x1) (local.get $m2) (local.get $x2) (local.get $m3) (local.get $x3) (local.get $m4))
                (call $inline_sum4 (local.get $s3) (local.get $d1) (local.get $s2) (local.get $d2) (local.get $s1) (local.get $d3) (local.get $s0) (local.get $d4))))
            (if (i32.le_s (i32.sub (local.get $t) (i32.const 1)) (local.get $last))
              (then
                (call $inline_put
                  (i32.add (local.get $oa) (i32.shl (i32.sub (i32.sub (local.get $t) (i32.const 1)) (local.get $first)) (i32.const 2)))
                  (i32.add (local.get $ob) (i32.shl (i32.sub (i32.sub (local.get $t) (i32.const 1)) (local.get $first)) (i32.const 2)))
                  (f64x2.add (v128.load (i32.add (local.get $causal) (i32.shl (i32.sub (local.get $t) (i32.const 1)) (i32.const 4)))) (local.get $value)))))
            (local.set $s0 (local.get $s1))
            (local.set $s1 (local.get $s2))
            (local.set $s2 (local.get $s3))
            (local.set $s3 (local.get $value))
            (local.set $x3 (local.get $x2))
            (local.set $x2 (local.get $x1))
            (local.set $x1 (local.get $x))
            (local.set $x
              (call $inline_pair
                (i32.add (local.get $pa) (i32.shl (i32.sub (local.get $t) (i32.const 1)) (i32.const 2)))
                (i32.add (local.get $pb) (i32.shl (i32.sub (local.get $t) (i32.const 1)) (i32.const 2)))))
            (local.set $t (i32.sub (local.get $t) (i32.const 1)))
            (br $anti)))
        (local.set $w (i32.add (local.get $w) (i32.const 2)))
        (br $pairs))))
)
