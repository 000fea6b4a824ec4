package asset

import (
	"context"

	"hitori"
)

// People and departments: staff keep them; a person need not have an
// account. Deleting one leaves their assets without a user, not gone.

// People lists one page of people and the total.
func (s *Service) People(ctx context.Context, f hitori.PersonFilter) ([]*hitori.Person, int, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, 0, err
	}
	return s.Store.FindPeople(ctx, f)
}

// Person reads one person.
func (s *Service) Person(ctx context.Context, id int64) (*hitori.Person, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	return s.Store.FindPerson(ctx, id)
}

// SavePerson creates (ID 0) or updates a person.
func (s *Service) SavePerson(ctx context.Context, p *hitori.Person) error {
	if err := staffOnly(ctx); err != nil {
		return err
	}
	if p.ID == 0 {
		return s.Store.CreatePerson(ctx, p)
	}
	return s.Store.UpdatePerson(ctx, p)
}

// DeletePerson removes a person.
func (s *Service) DeletePerson(ctx context.Context, id int64) error {
	if err := staffOnly(ctx); err != nil {
		return err
	}
	return s.Store.DeletePerson(ctx, id)
}

// Departments lists every department.
func (s *Service) Departments(ctx context.Context) ([]*hitori.Department, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	return s.Store.Departments(ctx)
}

// SaveDepartment creates (ID 0) or updates a department.
func (s *Service) SaveDepartment(ctx context.Context, d *hitori.Department) error {
	if err := staffOnly(ctx); err != nil {
		return err
	}
	if d.ID == 0 {
		return s.Store.CreateDepartment(ctx, d)
	}
	return s.Store.UpdateDepartment(ctx, d)
}

// DeleteDepartment removes a department.
func (s *Service) DeleteDepartment(ctx context.Context, id int64) error {
	if err := staffOnly(ctx); err != nil {
		return err
	}
	return s.Store.DeleteDepartment(ctx, id)
}
