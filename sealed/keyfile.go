package sealed

import (
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// keyNumbers lists the key numbers present in dir, ascending.
func keyNumbers(dir string) ([]int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("sealed: key folder: %w", err)
	}
	var nums []int
	for _, e := range entries {
		s, ok := strings.CutPrefix(e.Name(), KeyPrefix)
		s, ok2 := strings.CutSuffix(s, KeySuffix)
		if n, err := strconv.Atoi(s); ok && ok2 && err == nil && n > 0 {
			nums = append(nums, n)
		}
	}
	sort.Ints(nums)
	return nums, nil
}

// create writes a new random key readable by the owner only. O_EXCL keeps
// two processes starting together from overwriting each other's key: the
// loser reads the winner's.
func create(path string) error {
	key := make([]byte, keySize)
	if _, err := rand.Read(key); err != nil {
		return fmt.Errorf("sealed: new key: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, os.ErrExist) {
		return nil
	} else if err != nil {
		return fmt.Errorf("sealed: new key: %w", err)
	}
	if _, err := f.Write(key); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("sealed: new key: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("sealed: new key: %w", err)
	}
	return f.Close()
}

// AddKey writes the next key file, which seals from then on; older keys
// keep opening what they sealed. It returns the new key's number.
func AddKey(dir string) (int, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return 0, fmt.Errorf("sealed: key folder: %w", err)
	}
	nums, err := keyNumbers(dir)
	if err != nil {
		return 0, err
	}
	n := 1
	if len(nums) > 0 {
		n = nums[len(nums)-1] + 1
	}
	return n, create(filepath.Join(dir, KeyPrefix+strconv.Itoa(n)+KeySuffix))
}
