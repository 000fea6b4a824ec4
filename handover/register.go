package handover

import (
	"context"

	"hitori"
)

// Systems lists one page of systems and the total.
func (s *Service) Systems(ctx context.Context, f hitori.SystemFilter) ([]*hitori.System, int, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, 0, err
	}
	return s.Store.FindSystems(ctx, f)
}

// System reads one system with its links, relations and contracts.
func (s *Service) System(ctx context.Context, id int64) (*hitori.System, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	return s.Store.FindSystem(ctx, id)
}

// AllSystems reads every system with links, relations and contracts.
func (s *Service) AllSystems(ctx context.Context) ([]*hitori.System, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	return s.Store.AllSystems(ctx)
}

// SaveSystem creates (ID 0) or updates a system, links and relations
// included, in one transaction.
func (s *Service) SaveSystem(ctx context.Context, sys *hitori.System) error {
	if err := staffOnly(ctx); err != nil {
		return err
	}
	if sys.ID == 0 {
		return s.Store.CreateSystem(ctx, sys)
	}
	return s.Store.UpdateSystem(ctx, sys)
}

// DeleteSystem removes a system.
func (s *Service) DeleteSystem(ctx context.Context, id int64) error {
	if err := staffOnly(ctx); err != nil {
		return err
	}
	return s.Store.DeleteSystem(ctx, id)
}

// Vendors lists one page of vendors and the total.
func (s *Service) Vendors(ctx context.Context, f hitori.VendorFilter) ([]*hitori.Vendor, int, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, 0, err
	}
	return s.Store.FindVendors(ctx, f)
}

// AllVendors reads every vendor with contacts, by name (the binder's
// vendor cards).
func (s *Service) AllVendors(ctx context.Context) ([]*hitori.Vendor, error) {
	var out []*hitori.Vendor
	for offset := 0; ; offset += 500 {
		page, total, err := s.Vendors(ctx, hitori.VendorFilter{Offset: offset, Limit: 500})
		if err != nil {
			return nil, err
		}
		for _, v := range page {
			full, err := s.Store.FindVendor(ctx, v.ID)
			if err != nil {
				return nil, err
			}
			out = append(out, full)
		}
		if offset+len(page) >= total || len(page) == 0 {
			return out, nil
		}
	}
}

// Vendor reads one vendor with its contacts.
func (s *Service) Vendor(ctx context.Context, id int64) (*hitori.Vendor, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	return s.Store.FindVendor(ctx, id)
}

// SaveVendor creates (ID 0) or updates a vendor and its contacts.
func (s *Service) SaveVendor(ctx context.Context, v *hitori.Vendor) error {
	if err := staffOnly(ctx); err != nil {
		return err
	}
	if v.ID == 0 {
		return s.Store.CreateVendor(ctx, v)
	}
	return s.Store.UpdateVendor(ctx, v)
}

// DeleteVendor removes a vendor with no contracts.
func (s *Service) DeleteVendor(ctx context.Context, id int64) error {
	if err := staffOnly(ctx); err != nil {
		return err
	}
	return s.Store.DeleteVendor(ctx, id)
}

// Contracts lists one page of contracts and the total.
func (s *Service) Contracts(ctx context.Context, f hitori.ContractFilter) ([]*hitori.Contract, int, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, 0, err
	}
	return s.Store.FindContracts(ctx, f)
}

// AllContracts reads every contract, soonest decision date first.
func (s *Service) AllContracts(ctx context.Context) ([]*hitori.Contract, error) {
	var out []*hitori.Contract
	for offset := 0; ; offset += 500 {
		page, total, err := s.Contracts(ctx, hitori.ContractFilter{Offset: offset, Limit: 500})
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if offset+len(page) >= total || len(page) == 0 {
			return out, nil
		}
	}
}

// Contract reads one contract with its systems and documents.
func (s *Service) Contract(ctx context.Context, id int64) (*hitori.Contract, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	return s.Store.FindContract(ctx, id)
}

// SaveContract creates (ID 0) or updates a contract and its systems; the
// decision date is computed from the end date and the notice period.
func (s *Service) SaveContract(ctx context.Context, c *hitori.Contract) error {
	if err := staffOnly(ctx); err != nil {
		return err
	}
	if c.ID == 0 {
		return s.Store.CreateContract(ctx, c)
	}
	return s.Store.UpdateContract(ctx, c)
}

// DeleteContract removes a contract.
func (s *Service) DeleteContract(ctx context.Context, id int64) error {
	if err := staffOnly(ctx); err != nil {
		return err
	}
	return s.Store.DeleteContract(ctx, id)
}

// AddContractFile records a document the caller has put in the blob
// store (area blob.Contracts).
func (s *Service) AddContractFile(ctx context.Context, f *hitori.ContractFile) error {
	if err := staffOnly(ctx); err != nil {
		return err
	}
	if f.Size > hitori.MaxContractFileSize {
		return hitori.FieldError("file", "error.file_too_large")
	}
	return s.Store.AddContractFile(ctx, f)
}

// ContractFile reads one document's record.
func (s *Service) ContractFile(ctx context.Context, contractID, fileID int64) (*hitori.ContractFile, error) {
	if err := staffOnly(ctx); err != nil {
		return nil, err
	}
	return s.Store.FindContractFile(ctx, contractID, fileID)
}

// DeleteContractFile removes a document's record.
func (s *Service) DeleteContractFile(ctx context.Context, contractID, fileID int64) error {
	if err := staffOnly(ctx); err != nil {
		return err
	}
	return s.Store.DeleteContractFile(ctx, contractID, fileID)
}

// ContractFileInUse reports whether a document still names the blob sum.
func (s *Service) ContractFileInUse(ctx context.Context, sum string) (bool, error) {
	if err := staffOnly(ctx); err != nil {
		return false, err
	}
	return s.Store.ContractFileInUse(ctx, sum)
}
