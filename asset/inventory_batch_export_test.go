package asset

// QueuedInventoryForTest is how many reports wait for the next batch.
func (s *Service) QueuedInventoryForTest() int {
	s.inventory.mu.Lock()
	defer s.inventory.mu.Unlock()
	return len(s.inventory.queue)
}
