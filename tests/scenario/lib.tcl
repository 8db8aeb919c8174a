# Procedures the scenario tests share (run-exp sources this file first).
#
# A test boots the image, types lines at the shell and checks what comes
# back, step by step: every step waits at most `timeout` seconds, and a
# step that times out, or QEMU ending too early, fails the test at once
# with one "scenario: FAIL:" line.  The session is logged as it goes, so
# the test's log shows what the shell said.
#
# Environment (from run-exp): MLK_QEMU, MLK_IMAGES (the directory of the
# images), MLK_QEMU_TIMEOUT.

set timeout 20
log_user 1
match_max -d 200000
set prompt "mlk> "

proc fail {why} {
	send_user "\nscenario: FAIL: $why\n"
	exit 1
}

# The bytes of a file of the source tree (motd, help.txt ...).
proc file_text {path} {
	set f [open $path rb]
	set text [read $f]
	close $f
	return $text
}

# Show a string with its control bytes visible, for failure messages.
proc visible {s} {
	set out ""
	foreach c [split $s ""] {
		scan $c %c code
		if {$code < 32 || $code >= 127} {
			append out [format "\\x%02x" $code]
		} else {
			append out $c
		}
	}
	return $out
}

# Wait for exact text.
proc want {text {secs 0}} {
	global timeout
	if {$secs == 0} {
		set secs $timeout
	}
	expect -timeout $secs -ex $text {} \
		timeout { fail "no \"[visible $text]\" within $secs s" } \
		eof { fail "QEMU ended before \"[visible $text]\"" }
}

# Wait for a regular expression; returns what the first group matched.
proc want_re {re {secs 0}} {
	global timeout
	if {$secs == 0} {
		set secs $timeout
	}
	expect -timeout $secs -re $re {} \
		timeout { fail "nothing matching /[visible $re]/ within $secs s" } \
		eof { fail "QEMU ended before /[visible $re]/" }
	if {[info exists expect_out(1,string)]} {
		return $expect_out(1,string)
	}
	return ""
}

# Everything up to the next prompt, CR LF made LF, without the prompt.
proc until_prompt {{secs 0}} {
	global timeout prompt
	if {$secs == 0} {
		set secs $timeout
	}
	expect -timeout $secs -ex $prompt {} \
		timeout { fail "no prompt within $secs s" } \
		eof { fail "QEMU ended before the prompt" }
	set out [string range $expect_out(buffer) 0 end-[string length $prompt]]
	return [string map [list "\r\n" "\n"] $out]
}

# Boot an image (of tests/scenario in the build tree); the motd (unless
# motd is 0), then the first prompt.  The serial port is QEMU's stdio
# with signal=off, so that a Ctrl-C typed goes to the guest instead of
# ending QEMU.  QEMU leaves the pseudo-terminal's output processing on:
# without -onlcr the terminal would turn each CR LF of the guest into
# CR CR LF.
# `devices` are more QEMU arguments (disks, a virtio-rng device ...);
# `mem` is the RAM (QEMU -m); `hello` 0 for an image whose hello is a
# program, which the boot does not run.
proc boot {{image standard.img} {motd 1} {devices {}} {mem 1G} {hello 1}} {
	global env spawn_id stty_init
	set stty_init "-onlcr"
	spawn -noecho timeout -k 5 $env(MLK_QEMU_TIMEOUT) $env(MLK_QEMU) \
		-M virt -cpu cortex-a72 -m $mem -display none -monitor none \
		-chardev stdio,id=serial0,signal=off -serial chardev:serial0 \
		-no-reboot -kernel $env(MLK_IMAGES)/$image -append "" \
		{*}$devices
	set out [until_prompt 60]
	if {$motd && ![string match "*\nWelcome to MyLittleKernel*" $out]} {
		fail "no motd before the first prompt"
	}
	# hello, which the boot runs once below the shell's priority, may
	# end after the prompt: wait for it, so that its lines do not come
	# in the middle of the test's first command.
	if {$hello && ![string match "*init: hello exited with code 0*" $out]} {
		want "init: hello exited with code 0\r\n"
	}
	return $out
}

# Type bytes without Enter.
proc press {bytes} {
	send -- $bytes
}

# Type a line and Enter; the shell must echo it as typed.
proc type {line} {
	send -- "$line\r"
	want "$line\r\n"
}

# Type a line; what it prints up to the next prompt must be `expected`
# exactly (lines end in \n).
proc check {line expected {secs 0}} {
	type $line
	set out [until_prompt $secs]
	if {$out ne $expected} {
		fail "`$line' printed \"[visible $out]\", not \"[visible $expected]\""
	}
}

# Type a line; what it prints must match the regular expression `re`
# (anchored at both ends; lines end in \n).
proc check_re {line re {secs 0}} {
	type $line
	set out [until_prompt $secs]
	if {![regexp "^$re\$" $out]} {
		fail "`$line' printed \"[visible $out]\", which does not match /[visible $re]/"
	}
	return $out
}

# What a terminal shows of one line written as `bytes`: printable bytes,
# backspace, and the VT100 sequences the shell's editor uses (ESC [ n D
# and C move, ESC [ K erases to the end).
proc render {bytes} {
	set line {}
	set col 0
	set n [string length $bytes]
	for {set i 0} {$i < $n} {incr i} {
		set c [string index $bytes $i]
		if {$c eq "\033" &&
		    [regexp {^\033\[(\d*)([CDK])} [string range $bytes $i end] \
			seq count op]} {
			incr i [expr {[string length $seq] - 1}]
			if {$count eq ""} {
				set count 1
			}
			switch $op {
				C { incr col $count }
				D { set col [expr {max(0, $col - $count)}] }
				K { set line [lrange $line 0 [expr {$col - 1}]] }
			}
		} elseif {$c eq "\b"} {
			set col [expr {max(0, $col - 1)}]
		} else {
			while {[llength $line] < $col} {
				lappend line " "
			}
			set line [lreplace $line $col $col $c]
			incr col
		}
	}
	return [join $line ""]
}

# Type keys, then End and Ctrl-C: the line as the terminal shows it must
# be `expected` (the shell then drops it).
proc check_screen {keys expected} {
	send -- "$keys\005\003"
	set out [until_prompt]
	if {![regexp {^(.*)\^C\n$} $out - echo]} {
		fail "no ^C after \"[visible $keys]\": \"[visible $out]\""
	}
	set shown [render $echo]
	if {$shown ne $expected} {
		fail "after \"[visible $keys]\" the terminal shows \"[visible $shown]\", not \"[visible $expected]\""
	}
}

# The last step of every test: the shell powers the machine off, and QEMU
# must end by itself with status 0; then `after`, a script of the
# caller (checks of disk images on the host).
proc poweroff {{after {}}} {
	type poweroff
	want "shell: powering off\r\n"
	expect -timeout 20 eof {} \
		timeout { fail "QEMU still runs 20 s after poweroff" }
	set status [wait]
	if {[lindex $status 3] != 0} {
		fail "QEMU ended with status [lindex $status 3] (124: timeout)"
	}
	uplevel 1 $after
	send_user "\nscenario: PASS\n"
	exit 0
}
