package scenario

import "reflect"

// Apply returns a copy of a step's arguments with the references in every
// string expanded (see Expand): exported string fields get the text, fields
// holding free JSON (any, maps, slices) get the values themselves. The
// arguments passed in are not changed, so a loaded Scenario stays
// read-only.
func (v *Vars) Apply(args any) (any, error) {
	if args == nil {
		return nil, nil
	}
	out, err := v.applyValue(reflect.ValueOf(args))
	if err != nil {
		return nil, err
	}
	return out.Interface(), nil
}

func (v *Vars) applyValue(rv reflect.Value) (reflect.Value, error) {
	switch rv.Kind() {
	case reflect.String:
		expanded, err := v.Expand(rv.String())
		return reflect.ValueOf(textOf(expanded)).Convert(rv.Type()), err
	case reflect.Interface:
		return v.applyInterface(rv)
	case reflect.Struct:
		return v.applyStruct(rv)
	case reflect.Pointer:
		if rv.IsNil() {
			return rv, nil
		}
		elem, err := v.applyValue(rv.Elem())
		out := reflect.New(rv.Type().Elem())
		out.Elem().Set(elem)
		return out, err
	case reflect.Slice:
		return v.applySlice(rv)
	case reflect.Map:
		return v.applyMap(rv)
	}
	return rv, nil
}

// applyInterface expands free JSON: a string that is one reference becomes
// the referenced value.
func (v *Vars) applyInterface(rv reflect.Value) (reflect.Value, error) {
	if rv.IsNil() {
		return rv, nil
	}
	out := reflect.New(rv.Type()).Elem()
	if s, ok := rv.Interface().(string); ok {
		expanded, err := v.Expand(s)
		if expanded != nil {
			out.Set(reflect.ValueOf(expanded))
		}
		return out, err
	}
	inner, err := v.applyValue(rv.Elem())
	out.Set(inner)
	return out, err
}

func (v *Vars) applyStruct(rv reflect.Value) (reflect.Value, error) {
	out := reflect.New(rv.Type()).Elem()
	out.Set(rv)
	for i := range rv.NumField() {
		if !out.Field(i).CanSet() {
			continue
		}
		field, err := v.applyValue(rv.Field(i))
		if err != nil {
			return rv, err
		}
		out.Field(i).Set(field)
	}
	return out, nil
}

func (v *Vars) applySlice(rv reflect.Value) (reflect.Value, error) {
	if rv.IsNil() {
		return rv, nil
	}
	out := reflect.MakeSlice(rv.Type(), rv.Len(), rv.Len())
	for i := range rv.Len() {
		item, err := v.applyValue(rv.Index(i))
		if err != nil {
			return rv, err
		}
		out.Index(i).Set(item)
	}
	return out, nil
}

func (v *Vars) applyMap(rv reflect.Value) (reflect.Value, error) {
	if rv.IsNil() {
		return rv, nil
	}
	out := reflect.MakeMapWithSize(rv.Type(), rv.Len())
	iter := rv.MapRange()
	for iter.Next() {
		item, err := v.applyValue(iter.Value())
		if err != nil {
			return rv, err
		}
		out.SetMapIndex(iter.Key(), item)
	}
	return out, nil
}
