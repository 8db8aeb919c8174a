# Shell functions for the FAT disk tests (tests/qemu/fat-*.qt, sourced
# after run-qt set $MLK_BUILDDIR and $QT_WORK): disk images made with
# mkfs.fat, sfdisk and mtools, the host's sums of their files, and the
# checks after the run with fsck.fat and mtype.  A volume is named by a
# word IMAGE[@@OFFSET] as mtools takes it (offset in bytes).  The checks
# read the run's output from run-qt's $out.

FATPAT=$MLK_BUILDDIR/tests/fatdisk/fatpat

# Skip (77) without the tools, or fail (99) when MLK_REQUIRE_FAT is set.
fd_need_tools() {
	for t in mkfs.fat fsck.fat mcopy mmd mdir mtype sfdisk; do
		command -v "$t" >/dev/null 2>&1 && continue
		echo "fatdisk: $t not found (apt-get install dosfstools mtools fdisk)"
		[ -n "${MLK_REQUIRE_FAT:-}" ] && exit 99
		exit 77
	done
}

# fd_put VOLUME PATH SEED LENGTH: a file of pattern SEED on the volume.
fd_put() {
	"$FATPAT" gen "$3" "$4" >"$QT_WORK/put.tmp" &&
		mcopy -o -i "$1" "$QT_WORK/put.tmp" "::$2"
}

# fd_tree VOLUME BIG: the files every test volume holds: long names,
# folders four deep, an empty file, case kept; BIG bytes in /big.bin.
fd_tree() {
	v=$1
	mmd -i "$v" ::/Dir1 ::/Dir1/Dir2 ::/Dir1/Dir2/Dir3 \
		"::/Dir1/Dir2/Dir3/Fourth level" &&
		fd_put "$v" "/A long file name with spaces.txt" 1 1234 &&
		fd_put "$v" "/Dir1/Dir2/Dir3/Fourth level/deep file.dat" 2 4097 &&
		fd_put "$v" /empty.txt 3 0 &&
		fd_put "$v" "/MiXeD CaSe.Txt" 4 100 &&
		fd_put "$v" /UPPER.TXT 5 10 &&
		fd_put "$v" /append.txt 6 700 &&
		fd_put "$v" /rename-me.txt 8 333 &&
		fd_put "$v" /remove-me.txt 10 5000 &&
		fd_put "$v" /Dir1/x.txt 11 12 &&
		fd_put "$v" /big.bin 12 "$2"
}

# fd_sums VOLUME SCHEME: "sum SCHEME:///PATH SIZE CRC" for each file,
# sorted, as fattest prints them.
fd_sums() {
	mdir -i "$1" -/ -b :: | grep -v '/$' | while IFS= read -r f; do
		p=${f#::}
		printf 'sum %s://%s %s\n' "$2" "$p" \
			"$(mtype -i "$1" "$f" | "$FATPAT" crc)"
	done | LC_ALL=C sort
}

# fd_guest_sums SCHEME: fattest's lines for SCHEME from the run's output
# (a line may follow the shell's prompt: the patterns are not anchored).
fd_guest_sums() {
	tr -d '\r' <"$out" | sed -n "s|^.*fattest: \(sum $1://.*\)|\1|p" |
		LC_ALL=C sort
}

# fd_volume_file VOLUME FILE: the volume alone, for fsck.fat.
fd_volume_file() {
	case $1 in
	*@@*)
		off=${1##*@@}
		dd if="${1%@@*}" of="$2" bs=512 skip=$((off / 512)) \
			2>/dev/null
		;;
	*) cp "$1" "$2" ;;
	esac
}

# fd_fsck VOLUME: fsck.fat -n must find nothing.
fd_fsck() {
	fd_volume_file "$1" "$QT_WORK/fsck.img" || return 1
	if ! fsck.fat -n "$QT_WORK/fsck.img" >"$QT_WORK/fsck.out" 2>&1; then
		echo "fatdisk: fsck.fat -n $1:"
		cat "$QT_WORK/fsck.out"
		return 1
	fi
	echo "fatdisk: fsck.fat -n $1: $(tail -1 "$QT_WORK/fsck.out")"
}

# fd_same VOLUME PATH SEED LENGTH: the file holds exactly that pattern.
fd_same() {
	"$FATPAT" gen "$3" "$4" >"$QT_WORK/want.tmp" &&
		mtype -i "$1" "::$2" >"$QT_WORK/got.tmp" &&
		cmp -s "$QT_WORK/want.tmp" "$QT_WORK/got.tmp" ||
		{
			echo "fatdisk: $1: $2 is not pattern $3 of $4 bytes"
			return 1
		}
}

# fd_check_write VOLUME: what fattest's write step made, byte for byte.
fd_check_write() {
	v=$1
	fill=$(tr -d '\r' <"$out" | sed -n 's/^.*fattest: filled \([0-9]*\) bytes$/\1/p')
	[ -n "$fill" ] || { echo "fatdisk: no 'filled' line"; return 1; }
	printf 'hello from MLK\n' >"$QT_WORK/hello.txt"
	"$FATPAT" gen 6 700 >"$QT_WORK/append.txt" &&
		printf 'and more\n' >>"$QT_WORK/append.txt" || return 1
	mtype -i "$v" "::/New Folder/Inner/hello from MLK.txt" |
		cmp -s - "$QT_WORK/hello.txt" ||
		{ echo "fatdisk: $v: the new file differs"; return 1; }
	mtype -i "$v" ::/append.txt | cmp -s - "$QT_WORK/append.txt" ||
		{ echo "fatdisk: $v: append.txt differs"; return 1; }
	fd_same "$v" "/New Folder/renamed.txt" 8 333 &&
		fd_same "$v" "/Dir One/x.txt" 11 12 &&
		fd_same "$v" /grown.bin 7 70000 &&
		fd_same "$v" /fill.bin 9 "$fill" || return 1
	# Made, but its one byte found no room.
	[ "$(mtype -i "$v" ::/one-more.txt | wc -c)" = 0 ] ||
		{ echo "fatdisk: $v: one-more.txt is not there empty"; return 1; }
	for gone in /remove-me.txt /rename-me.txt /Dir1 "/Short Lived"; do
		if mdir -i "$v" "::$gone" >/dev/null 2>&1; then
			echo "fatdisk: $v: $gone is still there"
			return 1
		fi
	done
	echo "fatdisk: $v: the writes are there, byte for byte"
}

# fd_check_kill VOLUME: after fsck.fat -a, every file fattest reported
# complete is there whole, and fsck.fat -n is then clean.
fd_check_kill() {
	fd_volume_file "$1" "$QT_WORK/kill.img" || return 1
	fsck.fat -a "$QT_WORK/kill.img" >"$QT_WORK/fsck.out" 2>&1
	echo "fatdisk: fsck.fat -a said:"
	sed 's/^/  /' "$QT_WORK/fsck.out"
	fd_fsck "$QT_WORK/kill.img" || return 1
	n=0
	for f in $(tr -d '\r' <"$out" |
		sed -n 's|^.*fattest: complete /\(k[0-9]*\)\.bin$|\1|p'); do
		k=${f#k}
		k=${k#0}
		fd_same "$QT_WORK/kill.img" "/$f.bin" $((100 + k)) \
			$((150000 + k)) || return 1
		n=$((n + 1))
	done
	want=$(tr -d '\r' <"$out" |
		sed -n 's/^.*fattest: \([0-9]*\) files complete$/\1/p')
	[ "$n" -gt 0 ] && [ "$n" = "$want" ] ||
		{ echo "fatdisk: $n complete files checked, fattest said ${want:-none}"; return 1; }
	echo "fatdisk: all $n complete files are whole"
}

# ---- fat-disks-*.qt --------------------------------------------------------

FAT16_AT=1048576 # the partitions' first byte (sector 2048)
FAT32_AT=1048576

# The three disks, and the host's sums of their files.
fd_disks() {
	w=$QT_WORK
	mkfs.fat -C -F 12 -n FLOPPY "$w/fat12.img" 1440 >/dev/null &&
		fd_tree "$w/fat12.img" 20000 || return 1
	truncate -s 24M "$w/fat16.img" &&
		printf 'label: dos\nstart=2048, size=32768, type=e\nstart=34816, size=8192, type=83\n' |
		sfdisk -q "$w/fat16.img" &&
		mkfs.fat -F 16 --offset 2048 -n PART16 "$w/fat16.img" 16384 \
			>/dev/null 2>&1 &&
		fd_tree "$w/fat16.img@@$FAT16_AT" 300000 || return 1
	truncate -s 40M "$w/fat32.img" &&
		printf 'label: gpt\nstart=2048, size=79000, type=EBD0A0A2-B9E5-4433-87C0-68B6B72699C7\n' |
		sfdisk -q "$w/fat32.img" &&
		mkfs.fat -F 32 -s 1 --offset 2048 -n GPT32 "$w/fat32.img" 39500 \
			>/dev/null 2>&1 &&
		fd_tree "$w/fat32.img@@$FAT32_AT" 5242880 || return 1
	fd_sums "$w/fat12.img" disk0 >"$w/sums0" &&
		fd_sums "$w/fat16.img@@$FAT16_AT" disk1 >"$w/sums1" &&
		fd_sums "$w/fat32.img@@$FAT32_AT" disk2 >"$w/sums2"
}

# Every file read back as the host wrote it; the writes on disk0; all
# three volumes clean; each mounted where it should be; the three disks
# on the $TRANSPORT transport (legacy or modern).
fd_check_disks() {
	w=$QT_WORK
	for k in 0 1 2; do
		fd_guest_sums disk$k >"$w/guest$k"
		if ! cmp -s "$w/sums$k" "$w/guest$k"; then
			echo "fatdisk: disk$k: the files read back differ:"
			diff "$w/sums$k" "$w/guest$k"
			return 1
		fi
		echo "fatdisk: disk$k: $(wc -l <"$w/sums$k") files read back," \
			"sums as the host's"
	done
	tr -d '\r' <"$out" >"$w/out.txt"
	[ "$(grep -c "^blk[0-2]: virtio-blk ($TRANSPORT)" "$w/out.txt")" = 3 ] ||
		{ echo "fatdisk: not three $TRANSPORT disks"; return 1; }
	for want in 'fat: disk0: blk0 sectors 0\+2880: FAT12' \
		'fat: disk1: blk1 sectors 2048\+32768: FAT16' \
		'fat: disk2: blk2 sectors 2048\+79000: FAT32'; do
		grep -qE "$want" "$w/out.txt" ||
			{ echo "fatdisk: no line /$want/"; return 1; }
	done
	fd_check_write "$w/fat12.img" &&
		fd_fsck "$w/fat12.img" &&
		fd_fsck "$w/fat16.img@@$FAT16_AT" &&
		fd_fsck "$w/fat32.img@@$FAT32_AT"
}
