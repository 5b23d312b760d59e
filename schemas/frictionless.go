package schemas

// FrictionlessField is one field of a Frictionless Table Schema.
type FrictionlessField struct {
	Name        string                   `json:"name"`
	Type        string                   `json:"type"`
	Description string                   `json:"description"`
	Unit        string                   `json:"unit,omitempty"`
	Constraints *FrictionlessConstraints `json:"constraints,omitempty"`
}

// FrictionlessConstraints are the constraints of a Frictionless field.
type FrictionlessConstraints struct {
	Required bool     `json:"required,omitempty"`
	Enum     []string `json:"enum,omitempty"`
	Pattern  string   `json:"pattern,omitempty"`
}

// FrictionlessForeignKey is a foreign key of a Frictionless Table Schema.
type FrictionlessForeignKey struct {
	Fields    []string `json:"fields"`
	Reference struct {
		Resource string   `json:"resource"`
		Fields   []string `json:"fields"`
	} `json:"reference"`
}

// FrictionlessSchema is a Frictionless Table Schema (v2) for a table.
type FrictionlessSchema struct {
	Schema        string                   `json:"$schema"`
	Fields        []FrictionlessField      `json:"fields"`
	PrimaryKey    []string                 `json:"primaryKey,omitempty"`
	ForeignKeys   []FrictionlessForeignKey `json:"foreignKeys,omitempty"`
	MissingValues []string                 `json:"missingValues"`
}

// Frictionless derives the table's Frictionless Table Schema: types,
// descriptions, units, required and enum/pattern constraints, primary key
// and the foreign key from source_id to the sources table.
func (t *Table) Frictionless() FrictionlessSchema {
	s := FrictionlessSchema{
		Schema:        "https://datapackage.org/profiles/2.0/tableschema.json",
		PrimaryKey:    t.Key,
		MissingValues: []string{""},
	}
	for _, c := range t.Columns {
		f := FrictionlessField{Name: c.Name, Type: string(c.Type), Description: c.Doc, Unit: c.Unit}
		cons := FrictionlessConstraints{Required: !c.Nullable, Pattern: c.Pattern}
		if v, ok := VocabByName(c.Vocab); ok {
			if v.External != "" {
				cons.Pattern = v.Pattern
			} else {
				cons.Enum = v.Codes()
			}
		}
		if cons.Required || cons.Enum != nil || cons.Pattern != "" {
			f.Constraints = &cons
		}
		s.Fields = append(s.Fields, f)
		if c.Name == "source_id" && t.Name != SourcesName {
			var fk FrictionlessForeignKey
			fk.Fields = []string{"source_id"}
			fk.Reference.Resource = SourcesName
			fk.Reference.Fields = []string{"source_id"}
			s.ForeignKeys = append(s.ForeignKeys, fk)
		}
	}
	return s
}
